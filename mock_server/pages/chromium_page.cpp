#include "pages/chromium_page.h"

#include "core/clock.h"
#include "core/enum_names.h"
#include "pages/page_checks.h"
#include "pages/page_frames.h"
#include "pages/page_log.h"
#include "pages/page_navigation.h"
#include "pages/page_thread.h"
#include "pages/recording_store.h"
#include "pages/recording_tap.h"

namespace rtc::pages {

namespace {

// The reason every failure of a real page is reported with: the only Status=5 Reason of the service that
// says "the page itself broke" (docs/pages.md).
constexpr const char* kFailureReason = "PageCrash";
constexpr int kMaxNotes = 20;  // lines a page adds to its task's events; the rest stay in describe()
constexpr int kFirstFrameAttempts = 3;

constexpr EnumName<ChromiumPage::State> kStateNames[] = {
    {ChromiumPage::State::Waiting, "waiting"}, {ChromiumPage::State::Opening, "opening"},
    {ChromiumPage::State::Loaded, "loaded"},   {ChromiumPage::State::Capturing, "capturing"},
    {ChromiumPage::State::Closed, "closed"},   {ChromiumPage::State::Failed, "failed"}};

std::int64_t elapsed_ms(std::int64_t since_ns) {
    return (steady_now_ns() - since_ns) / 1000000;
}

}  // namespace

ChromiumPage::ChromiumPage(std::shared_ptr<BrowserHost> host, webcast::PageRequest request,
                           std::shared_ptr<webcast::PageListener> listener,
                           std::shared_ptr<RecordingStore> recordings)
    : host_(std::move(host)),
      req_(std::move(request)),
      listener_(std::move(listener)),
      created_ns_(steady_now_ns()),
      recordings_(std::move(recordings)),
      tap_(recordings_ ? std::make_shared<RecordingTap>() : nullptr),
      thread_(std::make_shared<PageThread>()),
      log_(std::make_shared<PageLog>(host_->settings().console_lines)),
      nav_(std::make_shared<PageNavigation>(host_, req_, log_)),
      frames_(std::make_shared<PageFrames>(
          thread_, nav_,
          WhiteRule{host_->settings().white_min_channel, host_->settings().white_max_off_pixels_ppm},
          req_.frame_rate, host_->settings().frame_timeout_ms,
          tap_ ? PageFrames::PictureSink([tap = tap_](auto picture) { tap->picture(std::move(picture)); })
               : nullptr)),
      checks_(std::make_shared<PageChecks>(thread_, nav_, frames_, host_->settings().crash_answer_ms)) {}

bool ChromiumPage::is_closed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return closing_;
}

// ---- the page's thread ----

void ChromiumPage::run() {
    std::int64_t waited;
    {
        std::lock_guard<std::mutex> lock(mu_);
        waited = waited_for_slot_ms_ = elapsed_ms(created_ns_);
        if (!closing_) state_ = State::Opening;
    }
    if (waited >= 1000)
        note("waited " + std::to_string(waited) + " ms for a browser slot (Pages.MaxConcurrent " +
             std::to_string(host_->settings().max_concurrent) + ")");
    if (!is_closed()) open();
    thread_->run_jobs();  // until the page is closed or has failed
    nav_->dispose();
    frames_->end();
    if (tap_) tap_->stop();  // the file is finished when the page's thread is done
    thread_->end();  // the jobs posted meanwhile: probe answers and the like, each `done` exactly once
    nav_->forget_session();
}

void ChromiumPage::open() {
    std::string failure;
    switch (nav_->open(weak_from_this(), &failure)) {
        case PageNavigation::Opened::Loaded: {
            std::lock_guard<std::mutex> lock(mu_);
            if (!closing_ && !failed_) state_ = State::Loaded;
            return;
        }
        case PageNavigation::Opened::Stopped:
            return;
        case PageNavigation::Opened::Failed:
            fail(failure);
            return;
    }
}

void ChromiumPage::report(const std::function<void(webcast::PageListener&)>& fn) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ || failed_ || !listener_) return;
    }
    fn(*listener_);
}

void ChromiumPage::fail(const std::string& detail) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ || failed_) return;
        failed_ = true;
        failure_ = detail;
        state_ = State::Failed;
    }
    if (tap_) tap_->mark_end();
    thread_->stop();
    nav_->stop();
    if (listener_) listener_->failed(kFailureReason, detail);
}

void ChromiumPage::note(const std::string& text) {
    int n;
    {
        std::lock_guard<std::mutex> lock(mu_);
        n = ++notes_;
    }
    if (n <= kMaxNotes)
        report([&](webcast::PageListener& l) { l.note(text); });
    else if (n == kMaxNotes + 1)
        report([](webcast::PageListener& l) {
            l.note(
                "further console messages and load errors of this page are only in GET /_mock/tasks (Page)");
        });
}

void ChromiumPage::take_first_frame(int attempt) {
    auto self = shared_from_this();
    frames_->want(0, 0, [self, attempt](const FrameResult& r) {
        if (r.frame) {
            // Before capturing_: no freeze check runs without its reference frame.
            self->checks_->first_frame(*r.frame);
            {
                std::lock_guard<std::mutex> lock(self->mu_);
                if (self->capturing_) return;
                self->capturing_ = true;
                self->state_ = State::Capturing;
                self->first_frame_ms_ = elapsed_ms(self->created_ns_);
            }
            self->report([](webcast::PageListener& l) { l.first_frame(); });
            self->start_recording();
            return;
        }
        if (self->is_closed()) return;
        // No frame: is the page's JS thread still there?
        self->checks_->ask_js([self, attempt, error = r.error](bool answered, const std::string& detail) {
            if (!answered) {
                self->fail("no first frame (" + error + ") and " + detail);
            } else if (attempt < kFirstFrameAttempts) {
                self->take_first_frame(attempt + 1);
            } else {
                self->fail("no first frame after " + std::to_string(kFirstFrameAttempts) +
                           " attempts: " + error);
            }
        });
    });
}

void ChromiumPage::start_recording() {
    if (!tap_) return;
    // The encoder thread asks for each frame's picture; half an interval old at most, so a tick lands on
    // a new screenshot rather than on the one of the tick before.
    std::weak_ptr<PageFrames> frames = frames_;
    const std::int64_t max_age_ns = frames_->interval_ns() / 2;
    std::shared_ptr<PageRecording> started;
    tap_->begin([&](std::shared_ptr<const recording::Picture> first) {
        started = recordings_->start(req_, std::move(first), [frames, max_age_ns] {
            if (auto f = frames.lock()) f->want(max_age_ns, 0, [](const FrameResult&) {});
        });
        return started;
    });
    // A line in the task's events; the rest (frames, bytes, the end) is in describe()'s Recording.
    if (started) {
        const auto facts = started->describe();
        note(facts.contains("Error")
                 ? "recording failed: " + facts["Error"].get<std::string>()
                 : "recording " + std::to_string(req_.width) + "x" + std::to_string(req_.height) + "@" +
                       std::to_string(req_.frame_rate) + " (GET .../recording)");
    }
}

// ---- what the lifecycle asks ----

void ChromiumPage::close() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_) return;
        closing_ = true;
        if (!failed_) state_ = State::Closed;
    }
    if (tap_) tap_->mark_end();
    thread_->stop();
    nav_->stop();
    nav_->dispose();  // at once, even while the page's thread waits on a call
    host_->withdraw(this);
}

void ChromiumPage::begin_capture(bool /*after_start_call*/) {
    auto self = shared_from_this();
    thread_->post([self] {
        if (!self->nav_->navigated()) return;
        {
            std::lock_guard<std::mutex> lock(self->mu_);
            if (self->capture_wanted_) return;
            self->capture_wanted_ = true;
        }
        self->take_first_frame(1);
    });
}

void ChromiumPage::reload() {
    auto nav = nav_;
    thread_->post([nav] { nav->reload(); });
}

void ChromiumPage::probe(webcast::PageCheck check, std::function<void(webcast::ProbeResult)> done) {
    const bool ended = thread_->ended();
    const char* why = nullptr;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ || failed_ || ended || !capturing_)
            why = closing_ || failed_ ? "the page is closed" : "not capturing";
    }
    if (why) {
        done(webcast::ProbeResult{false, why});
        return;
    }
    checks_->probe(check, std::move(done));
}

std::optional<std::string> ChromiumPage::screenshot_png() const {
    const bool ended = thread_->ended();
    bool live;
    {
        std::lock_guard<std::mutex> lock(mu_);
        live = capturing_ && !closing_ && !failed_ && !ended;
    }
    // Live: a frame at most one frame interval old.
    auto frame = live ? frames_->fresh() : frames_->latest();
    if (!frame) return std::nullopt;
    return frame->png;
}

nlohmann::json ChromiumPage::describe() const {
    // Before mu_: the host takes the page's lock under its own (is_closed()), never the reverse.
    const int place = host_->position_in_line(this);
    nlohmann::json j = {
        {"Renderer", "chromium"},       {"Instance", req_.instance},
        {"SourceURL", req_.source_url}, {"Viewport", {{"Width", req_.width}, {"Height", req_.height}}},
        {"FrameRate", req_.frame_rate}, {"EventNotify", req_.event_notify}};
    {
        std::lock_guard<std::mutex> lock(mu_);
        j["State"] = name_of(kStateNames, state_);
        if (first_frame_ms_ >= 0) j["FirstFrameMs"] = first_frame_ms_;
        if (waited_for_slot_ms_ >= 0) j["WaitedForSlotMs"] = waited_for_slot_ms_;
        if (!failure_.empty()) j["Failure"] = failure_;
    }
    nav_->describe(j);
    frames_->describe(j);
    if (tap_) tap_->describe(j);
    log_->describe(j);
    if (place > 0) j["PlaceInLine"] = place;
    return j;
}

// ---- what the browser tells ----

void ChromiumPage::on_event(const std::string& method, const nlohmann::json& params) {
    auto self = shared_from_this();
    if (method == "Runtime.bindingCalled") {
        if (!req_.event_notify) return;
        const std::string what = PageNavigation::webcast_call(params);
        if (what == "start")
            thread_->post([self] { self->report([](webcast::PageListener& l) { l.start_called(); }); });
        else if (what == "end")
            thread_->post([self] { self->report([](webcast::PageListener& l) { l.end_called(); }); });
    } else if (method == "Inspector.targetCrashed") {
        nav_->renderer_crashed();
        thread_->post([self] { self->fail("the page's renderer crashed"); });
    } else if (method == "Inspector.detached" || method == "Target.detachedFromTarget") {
        const std::string why = params.value("reason", std::string("target closed"));
        thread_->post([self, why] { self->fail("the page's target went away (" + why + ")"); });
    } else {
        // The parts keep what concerns them; a line for the task's events goes out on the page's thread.
        auto line = nav_->on_event(method, params);
        if (!line) line = log_->on_event(method, params);
        if (line) thread_->post([self, text = std::move(*line)] { self->note(text); });
    }
}

void ChromiumPage::browser_died(const std::string& detail) {
    auto self = shared_from_this();
    thread_->post([self, detail] { self->fail(detail); });
}

}  // namespace rtc::pages
