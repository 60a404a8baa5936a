// One task's page in headless Chromium: its own browser context (nothing shared with other tasks), one target
// attached as a flat session, the viewport of the task's first VideoSolutions entry, onWebcastStart() /
// onWebcastEnd() injected before the page's scripts when EnableEventNotify is on, frames taken on demand
// (at most FrameRate per second) for the first frame, the freeze and blank checks and the screenshot route.
//
// Threads: the page's own thread opens it and then runs its jobs (decoding frames, reporting to the
// listener) until the page is closed or has failed; the DevTools reader thread only records events and
// posts jobs. Every listener call comes from the page's thread, in order.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/webcast/page_source.h"
#include "pages/browser_host.h"
#include "pages/frame_analysis.h"

namespace rtc::pages {

class ChromiumPage final : public webcast::Page, public std::enable_shared_from_this<ChromiumPage> {
  public:
    ChromiumPage(std::shared_ptr<BrowserHost> host, webcast::PageRequest request,
                 std::shared_ptr<webcast::PageListener> listener);
    ~ChromiumPage() override = default;

    // webcast::Page
    void begin_capture(bool after_start_call) override;
    void reload() override;
    void probe(webcast::PageCheck check, std::function<void(webcast::ProbeResult)> done) override;
    void close() override;
    bool simulate(webcast::PageEvent) override { return false; }  // a real page is what it is
    nlohmann::json describe() const override;
    std::optional<std::string> screenshot_png() const override;

    // The BrowserHost's side.
    void run();                                                              // the page's thread
    void on_event(const std::string& method, const nlohmann::json& params);  // DevTools reader thread
    void browser_died(const std::string& detail);
    bool is_closed() const;
    const webcast::PageRequest& request() const { return req_; }

  private:
    struct Frame {
        std::string png;
        FrameFacts facts;
        std::int64_t at_ns = 0;    // when it arrived (monotonic)
        std::uint64_t number = 0;  // 1, 2, ... in the order taken
    };
    struct FrameResult {
        std::shared_ptr<const Frame> frame;  // null when none came
        std::string error;
        bool timed_out = false;  // no frame within Pages.FrameTimeoutMs: the page does not paint
    };
    using FrameDone = std::function<void(const FrameResult&)>;

    bool open_page();  // on the page's thread; false when it failed (reported) or was closed meanwhile
    bool post(std::function<void()> job);  // to the page's thread; false once that thread has ended
    void report(const std::function<void(webcast::PageListener&)>& fn);  // page thread
    void fail(const std::string& detail);  // page thread: reports failed("PageCrash", detail) once, then ends
    void note(const std::string& text);    // page thread: a line in the task's events (capped per page)
    // A frame no older than max_age_ns and taken after frame number `after`, else a new one.
    void want_frame(std::int64_t max_age_ns, std::uint64_t after, FrameDone done);
    void frame_arrived(const std::string& base64, const std::string& error, bool timed_out);
    void take_first_frame(int attempt);
    // `1` evaluated in the page: done(answered, detail), on the page's thread (or inline once it has ended).
    void ask_js(std::function<void(bool answered, const std::string& detail)> done);
    void freeze_check(const FrameResult& r, std::uint64_t previous,
                      const std::function<void(webcast::ProbeResult)>& done);
    void dispose_context();
    void keep(std::deque<nlohmann::json>& log, const std::string& kind, const std::string& text,
              double time_ms);
    std::int64_t frame_interval_ns() const;

    const std::shared_ptr<BrowserHost> host_;
    const webcast::PageRequest req_;
    const std::shared_ptr<webcast::PageListener> listener_;
    const WhiteRule white_;
    const std::int64_t created_ns_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    bool thread_started_ = false;
    bool thread_ended_ = false;
    bool closing_ = false;  // close() was called: reports stop
    bool failed_ = false;
    std::string state_ = "waiting";
    std::string failure_;
    std::shared_ptr<Browser> browser_;
    std::string context_, target_, session_, main_frame_, loader_, committed_loader_, url_;
    bool context_disposed_ = false;
    bool crashed_ = false;
    int http_status_ = 0;
    bool capture_wanted_ = false;
    bool capturing_ = false;
    std::int64_t first_frame_ms_ = -1;  // from open() to the first frame
    std::int64_t waited_for_slot_ms_ = -1;
    std::shared_ptr<const Frame> latest_;
    std::uint64_t frames_ = 0;
    bool shot_in_flight_ = false;
    std::vector<FrameDone> frame_waiters_;
    std::uint64_t freeze_frame_ = 0;  // the frame number the previous freeze check looked at
    std::string freeze_digest_;
    std::deque<nlohmann::json> console_;
    std::deque<nlohmann::json> load_errors_;
    int notes_ = 0;
};

}  // namespace rtc::pages
