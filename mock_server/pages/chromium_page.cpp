#include "pages/chromium_page.h"

#include <chrono>

#include "core/clock.h"
#include "core/crypto.h"
#include "pages/host_rules.h"
#include "pages/png_decode.h"

namespace rtc::pages {

namespace {

// The reason every failure of a real page is reported with: the only Status=5 Reason of the service that
// says "the page itself broke" (docs/pages.md).
constexpr const char* kFailureReason = "PageCrash";
// The DevTools binding behind onWebcastStart() / onWebcastEnd().
constexpr const char* kBinding = "__rtcMockWebcastEvent";
// Installed before the page's own scripts in every document (reloads included).
constexpr const char* kNotifyScript =
    "(() => {\n"
    "  const send = globalThis.__rtcMockWebcastEvent;\n"
    "  if (typeof send !== 'function') return;\n"
    "  window.onWebcastStart = function onWebcastStart() { send('start'); };\n"
    "  window.onWebcastEnd = function onWebcastEnd() { send('end'); };\n"
    "})();";
constexpr int kMaxNotes = 20;  // lines a page adds to its task's events; the rest stay in describe()
constexpr int kFirstFrameAttempts = 3;
constexpr std::size_t kMaxLogText = 500;

std::int64_t elapsed_ms(std::int64_t since_ns) {
    return (steady_now_ns() - since_ns) / 1000000;
}

std::string clip(std::string s) {
    if (s.size() > kMaxLogText) s = s.substr(0, kMaxLogText) + "...";
    return s;
}

// A console argument as the console shows it: strings bare, everything else by its description.
std::string console_text(const nlohmann::json& args) {
    std::string out;
    if (!args.is_array()) return out;
    for (const auto& a : args) {
        if (!out.empty()) out += ' ';
        auto v = a.find("value");
        if (v != a.end())
            out += v->is_string() ? v->get<std::string>() : v->dump();
        else
            out += a.value("description", a.value("type", std::string("?")));
    }
    return out;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) return "0%";
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

}  // namespace

ChromiumPage::ChromiumPage(std::shared_ptr<BrowserHost> host, webcast::PageRequest request,
                           std::shared_ptr<webcast::PageListener> listener)
    : host_(std::move(host)),
      req_(std::move(request)),
      listener_(std::move(listener)),
      white_{host_->settings().white_min_channel, host_->settings().white_max_off_pixels_ppm},
      created_ns_(steady_now_ns()) {}

std::int64_t ChromiumPage::frame_interval_ns() const {
    return 1000000000LL / std::max(1, req_.frame_rate);
}

bool ChromiumPage::is_closed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return closing_;
}

// ---- the page's thread ----

void ChromiumPage::run() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        thread_started_ = true;
        waited_for_slot_ms_ = elapsed_ms(created_ns_);
        if (!closing_) state_ = "opening";
    }
    if (waited_for_slot_ms_ >= 1000)
        note("waited " + std::to_string(waited_for_slot_ms_) +
             " ms for a browser slot (Pages.MaxConcurrent " +
             std::to_string(host_->settings().max_concurrent) + ")");
    const bool opened = !is_closed() && open_page();
    (void)opened;
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [&] { return !jobs_.empty() || closing_ || failed_; });
            if (jobs_.empty()) break;  // closed or failed, nothing left to do
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
    dispose_context();
    std::deque<std::function<void()>> rest;
    std::vector<FrameDone> waiters;
    std::string session;
    {
        std::lock_guard<std::mutex> lock(mu_);
        thread_ended_ = true;
        rest.swap(jobs_);
        if (!shot_in_flight_) waiters.swap(frame_waiters_);
        session = session_;
    }
    for (auto& job : rest) job();  // probe answers and the like: each `done` runs exactly once
    for (auto& w : waiters) w(FrameResult{nullptr, "the page is closed", false});
    if (!session.empty()) host_->forget_session(session);
}

bool ChromiumPage::post(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_ended_) return false;
    jobs_.push_back(std::move(job));
    cv_.notify_all();
    return true;
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
        state_ = "failed";
        cv_.notify_all();
    }
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

bool ChromiumPage::open_page() {
    std::string why;
    if (!url_allowed(req_.source_url, host_->settings().allowed_hosts, &why)) {
        {
            std::lock_guard<std::mutex> lock(mu_);
            keep(load_errors_, "refused", why, 0);
        }
        fail("the page was not opened: " + why);
        return false;
    }
    auto browser = host_->browser(&why);
    if (!browser) {
        fail("no browser: " + why);
        return false;
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        browser_ = browser;
    }
    CdpConnection& cdp = *browser->cdp;
    const std::int64_t t = host_->settings().call_timeout_ms;
    const std::int64_t nav_timeout = host_->settings().navigate_timeout_ms;
    try {
        auto ctx = cdp.call("Target.createBrowserContext", nlohmann::json::object(), "", t);
        {
            std::lock_guard<std::mutex> lock(mu_);
            context_ = ctx.value("browserContextId", "");
            if (closing_) return false;  // run() disposes it
        }
        auto target = cdp.call("Target.createTarget",
                               {{"url", "about:blank"},
                                {"browserContextId", context_},
                                {"width", req_.width},
                                {"height", req_.height}},
                               "", t);
        auto attached = cdp.call("Target.attachToTarget",
                                 {{"targetId", target.value("targetId", "")}, {"flatten", true}}, "", t);
        const std::string session = attached.value("sessionId", "");
        {
            std::lock_guard<std::mutex> lock(mu_);
            target_ = target.value("targetId", "");
            main_frame_ = target_;  // a page target's main frame has the target's id
            session_ = session;
        }
        host_->route_session(session, browser->number, weak_from_this());
        for (const char* domain :
             {"Page.enable", "Runtime.enable", "Network.enable", "Log.enable", "Inspector.enable"})
            cdp.call(domain, nlohmann::json::object(), session, t);
        cdp.call(
            "Emulation.setDeviceMetricsOverride",
            {{"width", req_.width}, {"height", req_.height}, {"deviceScaleFactor", 1}, {"mobile", false}},
            session, t);
        if (req_.event_notify) {
            cdp.call("Runtime.addBinding", {{"name", kBinding}}, session, t);
            cdp.call("Page.addScriptToEvaluateOnNewDocument", {{"source", kNotifyScript}}, session, t);
        }
        auto nav = cdp.call("Page.navigate", {{"url", req_.source_url}}, session, nav_timeout);
        const std::string error = nav.value("errorText", "");
        if (!error.empty()) {
            {
                std::lock_guard<std::mutex> lock(mu_);
                keep(load_errors_, "navigation", error + " " + req_.source_url, 0);
            }
            fail("the page did not load: " + error + " (" + req_.source_url + ")");
            return false;
        }
        std::unique_lock<std::mutex> lock(mu_);
        loader_ = nav.value("loaderId", "");
        const bool committed = cv_.wait_for(lock, std::chrono::milliseconds(nav_timeout), [&] {
            return committed_loader_ == loader_ || crashed_ || closing_ || failed_;
        });
        if (closing_ || failed_) return false;
        if (!committed || crashed_) {
            lock.unlock();
            fail(crashed_ ? "the page's renderer crashed while loading"
                          : "the page did not commit within " + std::to_string(nav_timeout) + " ms (" +
                                req_.source_url + ")");
            return false;
        }
        state_ = "loaded";
    } catch (const CdpError& e) {
        fail(std::string("opening the page failed: ") + e.what());
        return false;
    }
    return true;
}

void ChromiumPage::dispose_context() {
    std::string ctx;
    std::shared_ptr<Browser> browser;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (context_disposed_ || context_.empty() || !browser_) return;
        context_disposed_ = true;
        ctx = context_;
        browser = browser_;
    }
    // Closes the context's target (and its renderer) at once; nobody waits for the answer.
    browser->cdp->call_async("Target.disposeBrowserContext", {{"browserContextId", ctx}}, "",
                             host_->settings().call_timeout_ms,
                             [](const nlohmann::json*, const CdpError*) {});
}

// ---- what the lifecycle asks ----

void ChromiumPage::close() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_) return;
        closing_ = true;
        if (!failed_) state_ = "closed";
        cv_.notify_all();
    }
    dispose_context();  // at once, even while the page's thread waits on a call
    host_->withdraw(this);
}

void ChromiumPage::begin_capture(bool /*after_start_call*/) {
    auto self = shared_from_this();
    post([self] {
        {
            std::lock_guard<std::mutex> lock(self->mu_);
            if (self->capture_wanted_ || self->loader_.empty()) return;
            self->capture_wanted_ = true;
        }
        self->take_first_frame(1);
    });
}

void ChromiumPage::take_first_frame(int attempt) {
    auto self = shared_from_this();
    want_frame(0, 0, [self, attempt](const FrameResult& r) {
        if (r.frame) {
            {
                std::lock_guard<std::mutex> lock(self->mu_);
                if (self->capturing_) return;
                self->capturing_ = true;
                self->state_ = "capturing";
                self->first_frame_ms_ = elapsed_ms(self->created_ns_);
                self->freeze_frame_ = r.frame->number;
                self->freeze_digest_ = r.frame->facts.digest;
            }
            self->report([](webcast::PageListener& l) { l.first_frame(); });
            return;
        }
        if (self->is_closed()) return;
        // No frame: is the page's JS thread still there?
        self->ask_js([self, attempt, error = r.error](bool answered, const std::string& detail) {
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

void ChromiumPage::reload() {
    auto self = shared_from_this();
    post([self] {
        std::shared_ptr<Browser> browser;
        std::string session;
        {
            std::lock_guard<std::mutex> lock(self->mu_);
            if (self->loader_.empty() || !self->browser_) return;
            browser = self->browser_;
            session = self->session_;
            self->keep(self->console_, "mock", "page reloaded (refresh)", 0);
        }
        browser->cdp->call_async("Page.reload", {{"ignoreCache", true}}, session,
                                 self->host_->settings().call_timeout_ms,
                                 [](const nlohmann::json*, const CdpError*) {});
    });
}

void ChromiumPage::probe(webcast::PageCheck check, std::function<void(webcast::ProbeResult)> done) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ || failed_ || thread_ended_ || !capturing_) {
            done(webcast::ProbeResult{false, closing_ || failed_ ? "the page is closed" : "not capturing"});
            return;
        }
    }
    auto self = shared_from_this();
    switch (check) {
        case webcast::PageCheck::Crash: {
            bool crashed;
            {
                std::lock_guard<std::mutex> lock(mu_);
                crashed = crashed_;
            }
            if (crashed) {
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
            want_frame(frame_interval_ns(), previous, [self, previous, done](const FrameResult& r) {
                self->freeze_check(r, previous, done);
            });
            return;
        }
        case webcast::PageCheck::Blank: {
            const auto rule = white_;
            want_frame(frame_interval_ns(), 0, [rule, done](const FrameResult& r) {
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

void ChromiumPage::freeze_check(const FrameResult& r, std::uint64_t previous,
                                const std::function<void(webcast::ProbeResult)>& done) {
    if (!r.frame) {
        // A page that paints nothing within the deadline shows the same picture: frozen.
        done(webcast::ProbeResult{r.timed_out, "no new frame: " + r.error});
        return;
    }
    std::string before;
    {
        std::lock_guard<std::mutex> lock(mu_);
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

void ChromiumPage::ask_js(std::function<void(bool, const std::string&)> done) {
    std::shared_ptr<Browser> browser;
    std::string session;
    {
        std::lock_guard<std::mutex> lock(mu_);
        browser = browser_;
        session = session_;
    }
    if (!browser || session.empty()) {
        done(false, "the page has no browser");
        return;
    }
    const std::int64_t deadline = host_->settings().crash_answer_ms;
    const std::int64_t asked = steady_now_ns();
    std::weak_ptr<ChromiumPage> weak = weak_from_this();
    browser->cdp->call_async(
        "Runtime.evaluate", {{"expression", "1"}, {"returnByValue", true}}, session, deadline,
        [weak, done, deadline, asked](const nlohmann::json*, const CdpError* e) {
            bool answered = true;
            std::string detail = "the JS thread answered in " + std::to_string(elapsed_ms(asked)) + " ms";
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
            auto self = weak.lock();
            if (!self || !self->post([done, answered, detail] { done(answered, detail); }))
                done(answered, detail);
        });
}

// ---- frames ----

void ChromiumPage::want_frame(std::int64_t max_age_ns, std::uint64_t after, FrameDone done) {
    std::shared_ptr<const Frame> cached;
    std::shared_ptr<Browser> browser;
    std::string session;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (latest_ && latest_->number > after && steady_now_ns() - latest_->at_ns <= max_age_ns) {
            cached = latest_;
        } else if (thread_ended_ || !browser_ || session_.empty()) {
            // falls through to the answer below
        } else {
            frame_waiters_.push_back(std::move(done));
            if (shot_in_flight_) return;
            shot_in_flight_ = true;
            browser = browser_;
            session = session_;
        }
    }
    if (cached) {
        done(FrameResult{cached, "", false});
        return;
    }
    if (!browser) {
        done(FrameResult{nullptr, "the page is closed", false});
        return;
    }
    std::weak_ptr<ChromiumPage> weak = weak_from_this();
    browser->cdp->call_async("Page.captureScreenshot", {{"format", "png"}}, session,
                             host_->settings().frame_timeout_ms,
                             [weak](const nlohmann::json* result, const CdpError* e) {
                                 auto self = weak.lock();
                                 if (!self) return;
                                 std::string data = result ? result->value("data", "") : "";
                                 std::string error = e ? e->what() : (data.empty() ? "empty screenshot" : "");
                                 const bool timed_out = e && e->kind() == CdpFailure::Timeout;
                                 if (!self->post([self, data = std::move(data), error, timed_out] {
                                         self->frame_arrived(data, error, timed_out);
                                     }))
                                     self->frame_arrived("", "the page is closed", false);
                             });
}

void ChromiumPage::frame_arrived(const std::string& base64, const std::string& error, bool timed_out) {
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
        }
    }
    std::vector<FrameDone> waiters;
    {
        std::lock_guard<std::mutex> lock(mu_);
        shot_in_flight_ = false;
        if (frame) {
            frame->number = ++frames_;
            frame->at_ns = steady_now_ns();
            latest_ = frame;
        }
        waiters.swap(frame_waiters_);
    }
    for (auto& w : waiters) w(FrameResult{frame, why, timed_out});
}

std::optional<std::string> ChromiumPage::screenshot_png() const {
    std::shared_ptr<const Frame> latest;
    bool live;
    {
        std::lock_guard<std::mutex> lock(mu_);
        latest = latest_;
        live = capturing_ && !closing_ && !failed_ && !thread_ended_;
    }
    if (live) {
        // A frame at most one frame interval old. const: the page object itself is never const; taking a
        // frame changes only its frame cache.
        struct Wait {
            std::mutex mu;
            std::condition_variable cv;
            bool done = false;
            std::shared_ptr<const Frame> frame;
        };
        auto w = std::make_shared<Wait>();
        const_cast<ChromiumPage*>(this)->want_frame(frame_interval_ns(), 0, [w](const FrameResult& r) {
            std::lock_guard<std::mutex> lock(w->mu);
            w->frame = r.frame;
            w->done = true;
            w->cv.notify_all();
        });
        std::unique_lock<std::mutex> lock(w->mu);
        w->cv.wait_for(lock, std::chrono::milliseconds(host_->settings().frame_timeout_ms + 500),
                       [&] { return w->done; });
        if (w->frame) latest = w->frame;
    }
    if (!latest) return std::nullopt;
    return latest->png;
}

// ---- what the browser tells ----

void ChromiumPage::keep(std::deque<nlohmann::json>& log, const std::string& kind, const std::string& text,
                        double time_ms) {
    nlohmann::json entry = {{"Kind", kind}, {"Text", clip(text)}};
    if (time_ms > 0) entry["TimeMs"] = static_cast<std::int64_t>(time_ms);
    log.push_back(std::move(entry));
    while (log.size() > host_->settings().console_lines) log.pop_front();
}

void ChromiumPage::on_event(const std::string& method, const nlohmann::json& params) {
    auto self = shared_from_this();
    if (method == "Page.frameNavigated") {
        const auto& frame = params.value("frame", nlohmann::json::object());
        if (frame.contains("parentId")) return;
        std::lock_guard<std::mutex> lock(mu_);
        committed_loader_ = frame.value("loaderId", "");
        url_ = frame.value("url", "");
        cv_.notify_all();
    } else if (method == "Network.responseReceived") {
        if (params.value("type", "") != "Document") return;
        const int status = params.value("response", nlohmann::json::object()).value("status", 0);
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (params.value("frameId", "") != main_frame_) return;
            http_status_ = status;
        }
        if (status >= 400)
            post([self, status] { self->note("the page answered HTTP " + std::to_string(status)); });
    } else if (method == "Runtime.bindingCalled") {
        if (params.value("name", "") != kBinding || !req_.event_notify) return;
        const std::string what = params.value("payload", "");
        if (what == "start")
            post([self] { self->report([](webcast::PageListener& l) { l.start_called(); }); });
        else if (what == "end")
            post([self] { self->report([](webcast::PageListener& l) { l.end_called(); }); });
    } else if (method == "Runtime.consoleAPICalled") {
        const std::string type = params.value("type", "log");
        const std::string text = console_text(params.value("args", nlohmann::json::array()));
        {
            std::lock_guard<std::mutex> lock(mu_);
            keep(console_, type, text, params.value("timestamp", 0.0));
        }
        if (type == "error" || type == "assert")
            post([self, text] { self->note("console.error: " + clip(text)); });
    } else if (method == "Runtime.exceptionThrown") {
        const auto& d = params.value("exceptionDetails", nlohmann::json::object());
        const std::string text = d.value("exception", nlohmann::json::object())
                                     .value("description", d.value("text", std::string("exception")));
        {
            std::lock_guard<std::mutex> lock(mu_);
            keep(console_, "exception", text, params.value("timestamp", 0.0));
        }
        post([self, text] { self->note("uncaught exception: " + clip(text)); });
    } else if (method == "Log.entryAdded") {
        const auto& e = params.value("entry", nlohmann::json::object());
        const std::string level = e.value("level", "info");
        std::string text = e.value("text", "");
        if (e.contains("url")) text += " " + e.value("url", "");
        const bool load_error = level == "error" && e.value("source", "") == "network";
        {
            std::lock_guard<std::mutex> lock(mu_);
            keep(load_error ? load_errors_ : console_, load_error ? "network" : level, text,
                 e.value("timestamp", 0.0));
        }
        if (load_error) post([self, text] { self->note("load error: " + clip(text)); });
    } else if (method == "Page.javascriptDialogOpening") {
        // A dialog would stop the page's JS thread until someone answers it: nobody watches a capture.
        std::shared_ptr<Browser> browser;
        std::string session;
        {
            std::lock_guard<std::mutex> lock(mu_);
            keep(console_, "dialog",
                 params.value("type", "") + ": " + params.value("message", "") + " (accepted)", 0);
            browser = browser_;
            session = session_;
        }
        if (browser)
            browser->cdp->call_async("Page.handleJavaScriptDialog", {{"accept", true}}, session,
                                     host_->settings().call_timeout_ms,
                                     [](const nlohmann::json*, const CdpError*) {});
    } else if (method == "Inspector.targetCrashed") {
        {
            std::lock_guard<std::mutex> lock(mu_);
            crashed_ = true;
            cv_.notify_all();
        }
        post([self] { self->fail("the page's renderer crashed"); });
    } else if (method == "Inspector.detached" || method == "Target.detachedFromTarget") {
        const std::string why = params.value("reason", std::string("target closed"));
        post([self, why] { self->fail("the page's target went away (" + why + ")"); });
    }
}

void ChromiumPage::browser_died(const std::string& detail) {
    auto self = shared_from_this();
    post([self, detail] { self->fail(detail); });
}

nlohmann::json ChromiumPage::describe() const {
    const int place = host_->position_in_line(this);  // before mu_: the host's lock comes first
    std::lock_guard<std::mutex> lock(mu_);
    nlohmann::json j = {{"Renderer", "chromium"},
                        {"Instance", req_.instance},
                        {"SourceURL", req_.source_url},
                        {"State", state_},
                        {"Viewport", {{"Width", req_.width}, {"Height", req_.height}}},
                        {"FrameRate", req_.frame_rate},
                        {"EventNotify", req_.event_notify},
                        {"Frames", frames_},
                        {"Console", nlohmann::json(console_)},
                        {"LoadErrors", nlohmann::json(load_errors_)}};
    if (!url_.empty()) j["URL"] = url_;
    if (http_status_) j["HttpStatus"] = http_status_;
    if (first_frame_ms_ >= 0) j["FirstFrameMs"] = first_frame_ms_;
    if (waited_for_slot_ms_ >= 0) j["WaitedForSlotMs"] = waited_for_slot_ms_;
    if (!failure_.empty()) j["Failure"] = failure_;
    j["Screenshot"] = latest_ != nullptr;  // GET .../screenshot has a frame to show
    if (latest_)
        j["LastFrame"] = {{"Number", latest_->number},
                          {"White", latest_->facts.white},
                          {"OffWhitePixels", latest_->facts.off_white_pixels},
                          {"Sha256", latest_->facts.digest}};
    if (place > 0) j["PlaceInLine"] = place;
    return j;
}

}  // namespace rtc::pages
