#include "pages/page_frames.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>

#include "core/clock.h"
#include "core/crypto.h"
#include "pages/png_decode.h"

namespace rtc::pages {

PageFrames::PageFrames(std::shared_ptr<PageThread> thread, std::shared_ptr<const PageNavigation> nav,
                       WhiteRule white, int frame_rate, std::int64_t timeout_ms, PictureSink pictures)
    : thread_(std::move(thread)),
      nav_(std::move(nav)),
      white_(white),
      interval_ns_(1000000000LL / std::max(1, frame_rate)),
      timeout_ms_(timeout_ms),
      pictures_(std::move(pictures)) {}

void PageFrames::want(std::int64_t max_age_ns, std::uint64_t after, FrameDone done) {
    const PageNavigation::Connection to = nav_->connection();
    std::shared_ptr<const Frame> cached;
    bool shoot = false;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (latest_ && latest_->number > after && steady_now_ns() - latest_->at_ns <= max_age_ns) {
            cached = latest_;
        } else if (!ended_ && to.browser && !to.session.empty()) {
            waiters_.push_back(std::move(done));
            if (shot_in_flight_) return;
            shot_in_flight_ = shoot = true;
        }
    }
    if (cached) {
        done(FrameResult{cached, "", false});
        return;
    }
    if (!shoot) {
        done(FrameResult{nullptr, "the page is closed", false});
        return;
    }
    std::weak_ptr<PageFrames> weak = weak_from_this();
    to.browser->cdp->call_async(
        "Page.captureScreenshot", {{"format", "png"}}, to.session, timeout_ms_,
        [weak](const nlohmann::json* result, const CdpError* e) {
            auto self = weak.lock();
            if (!self) return;
            std::string data = result ? result->value("data", "") : "";
            std::string error = e ? e->what() : (data.empty() ? "empty screenshot" : "");
            const bool timed_out = e && e->kind() == CdpFailure::Timeout;
            // Decoding takes milliseconds: not on the DevTools reader.
            if (!self->thread_->post([self, data = std::move(data), error, timed_out] {
                    self->arrived(data, error, timed_out);
                }))
                self->arrived("", "the page is closed", false);
        });
}

void PageFrames::arrived(const std::string& base64, const std::string& error, bool timed_out) {
    std::shared_ptr<Frame> frame;
    std::string why = error;
    if (why.empty()) {
        auto png = base64_decode(base64);
        std::string decode_error;
        auto image = png ? decode_png(*png, &decode_error) : std::nullopt;
        if (!png)
            why = "the screenshot is not base64";
        else if (!image)
            why = "the screenshot is not a readable PNG: " + decode_error;
        else {
            frame = std::make_shared<Frame>();
            frame->facts = analyze_frame(*image, white_);
            frame->png = std::move(*png);
            if (pictures_)
                pictures_(std::make_shared<const recording::Picture>(
                    recording::Picture{image->width, image->height, std::move(image->rgba)}));
        }
    }
    std::vector<FrameDone> waiters;
    {
        std::lock_guard<std::mutex> lock(mu_);
        shot_in_flight_ = false;
        if (frame) {
            frame->number = ++taken_;
            frame->at_ns = steady_now_ns();
            latest_ = frame;
        }
        waiters.swap(waiters_);
    }
    for (auto& w : waiters) w(FrameResult{frame, why, timed_out});
}

std::shared_ptr<const Frame> PageFrames::fresh() {
    auto latest = this->latest();
    struct Wait {
        std::mutex mu;
        std::condition_variable cv;
        bool done = false;
        std::shared_ptr<const Frame> frame;
    };
    auto w = std::make_shared<Wait>();  // shared: `done` may run after this call gave up
    want(interval_ns_, 0, [w](const FrameResult& r) {
        std::lock_guard<std::mutex> lock(w->mu);
        w->frame = r.frame;
        w->done = true;
        w->cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(w->mu);
    w->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms_ + 500), [&] { return w->done; });
    return w->frame ? w->frame : latest;
}

void PageFrames::end() {
    std::vector<FrameDone> waiters;
    {
        std::lock_guard<std::mutex> lock(mu_);
        ended_ = true;
        if (!shot_in_flight_) waiters.swap(waiters_);
    }
    for (auto& w : waiters) w(FrameResult{nullptr, "the page is closed", false});
}

std::shared_ptr<const Frame> PageFrames::latest() const {
    std::lock_guard<std::mutex> lock(mu_);
    return latest_;
}

void PageFrames::describe(nlohmann::json& j) const {
    std::lock_guard<std::mutex> lock(mu_);
    j["Frames"] = taken_;
    j["Screenshot"] = latest_ != nullptr;  // GET .../screenshot has a frame to show
    if (latest_)
        j["LastFrame"] = {{"Number", latest_->number},
                          {"White", latest_->facts.white},
                          {"OffWhitePixels", latest_->facts.off_white_pixels},
                          {"Sha256", latest_->facts.digest}};
}

}  // namespace rtc::pages
