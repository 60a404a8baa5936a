#include "pages/page_checks.h"

#include <cstdio>

#include "core/clock.h"

namespace rtc::pages {

namespace {

std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) return "0%";
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

}  // namespace

PageChecks::PageChecks(std::shared_ptr<PageThread> thread, std::shared_ptr<const PageNavigation> nav,
                       std::shared_ptr<PageFrames> frames, std::int64_t crash_answer_ms)
    : thread_(std::move(thread)),
      nav_(std::move(nav)),
      frames_(std::move(frames)),
      crash_answer_ms_(crash_answer_ms) {}

void PageChecks::first_frame(const Frame& frame) {
    std::lock_guard<std::mutex> lock(mu_);
    freeze_frame_ = frame.number;
    freeze_digest_ = frame.facts.digest;
}

void PageChecks::probe(webcast::PageCheck check, std::function<void(webcast::ProbeResult)> done) {
    switch (check) {
        case webcast::PageCheck::Crash: {
            if (nav_->crashed()) {
                done(webcast::ProbeResult{true, "the page's renderer crashed"});
                return;
            }
            ask_js([done](bool answered, const std::string& detail) {
                done(webcast::ProbeResult{!answered, detail});
            });
            return;
        }
        case webcast::PageCheck::Freeze: {
            std::uint64_t previous;
            {
                std::lock_guard<std::mutex> lock(mu_);
                previous = freeze_frame_;
            }
            auto self = shared_from_this();
            frames_->want(frames_->interval_ns(), previous, [self, previous, done](const FrameResult& r) {
                self->freeze_judged(r, previous, done);
            });
            return;
        }
        case webcast::PageCheck::Blank: {
            const auto rule = frames_->white();
            frames_->want(frames_->interval_ns(), 0, [rule, done](const FrameResult& r) {
                if (!r.frame) {
                    done(webcast::ProbeResult{false, "no frame to judge: " + r.error});
                    return;
                }
                const auto& f = r.frame->facts;
                const std::uint64_t pixels = static_cast<std::uint64_t>(f.width) * f.height;
                done(webcast::ProbeResult{
                    f.white, std::string(f.white ? "white frame: " : "not white: ") +
                                 std::to_string(f.off_white_pixels) + " of " + std::to_string(pixels) +
                                 " pixels (" + percent(f.off_white_pixels, pixels) + ") below R,G,B " +
                                 std::to_string(rule.min_channel) + ", " +
                                 std::to_string(rule.max_off_pixels_ppm) + " ppm allowed"});
            });
            return;
        }
    }
}

void PageChecks::freeze_judged(const FrameResult& r, std::uint64_t previous,
                               const std::function<void(webcast::ProbeResult)>& done) {
    if (!r.frame) {
        // A page that paints nothing within the deadline shows the same picture: frozen.
        done(webcast::ProbeResult{r.timed_out, "no new frame: " + r.error});
        return;
    }
    std::string before;
    {
        std::lock_guard<std::mutex> lock(mu_);
        // Another freeze check moved the reference meanwhile: this one has nothing to compare with.
        before = freeze_frame_ == previous ? freeze_digest_ : "";
        freeze_frame_ = r.frame->number;
        freeze_digest_ = r.frame->facts.digest;
    }
    const auto& f = r.frame->facts;
    if (f.white) {
        done(webcast::ProbeResult{false, "white frame: the blank check judges it"});
        return;
    }
    const bool same = !before.empty() && before == f.digest;
    done(webcast::ProbeResult{
        same, same ? "frame identical to the previous check's (sha256 " + f.digest.substr(0, 12) + ")"
                   : "frame changed since the previous check"});
}

void PageChecks::ask_js(std::function<void(bool, const std::string&)> done) {
    const PageNavigation::Connection to = nav_->connection();
    if (!to.browser || to.session.empty()) {
        done(false, "the page has no browser");
        return;
    }
    const std::int64_t deadline = crash_answer_ms_;
    const std::int64_t asked = steady_now_ns();
    std::weak_ptr<PageThread> thread = thread_;
    to.browser->cdp->call_async(
        "Runtime.evaluate", {{"expression", "1"}, {"returnByValue", true}}, to.session, deadline,
        [thread, done, deadline, asked](const nlohmann::json*, const CdpError* e) {
            bool answered = true;
            std::string detail =
                "the JS thread answered in " + std::to_string((steady_now_ns() - asked) / 1000000) + " ms";
            if (e && e->kind() == CdpFailure::Timeout) {
                answered = false;
                detail = "the JS thread did not answer a trivial evaluation within " +
                         std::to_string(deadline) + " ms";
            } else if (e && e->kind() == CdpFailure::Closed) {
                answered = false;
                detail = "the browser is gone";
            } else if (e) {
                detail = std::string("evaluation refused (") + e->what() + "): the page is navigating";
            }
            auto t = thread.lock();
            if (!t || !t->post([done, answered, detail] { done(answered, detail); })) done(answered, detail);
        });
}

}  // namespace rtc::pages
