// One task's page in headless Chromium, the webcast::Page the lifecycle drives. The page keeps its state
// (waiting, opening, loaded, capturing, closed, failed), when capture starts and what it reports to the
// listener; its parts keep the rest, each with its own state and lock:
//   PageNavigation: own browser context, target and session, viewport, injected onWebcastStart() /
//                   onWebcastEnd(), navigation and reload, what DevTools says of the document;
//   PageFrames:     frames on demand (at most FrameRate per second): first frame, checks, screenshot route;
//   PageChecks:     the freeze, blank and crash checks;
//   PageLog:        console messages and load errors;
//   PageThread:     the job queue of the page's own thread;
//   RecordingTap:   the recording (docs/pages.md "Recordings"), fed by PageFrames, encoded on its own thread.
//
// Threads: the page's own thread (run()) opens it and then runs its jobs (decoding frames, reporting to the
// listener) until the page is closed or has failed; the DevTools reader thread, to which BrowserHost routes
// the events of the page's session, only records events and posts jobs. Every listener call comes from the
// page's thread, in order. No two of the page's and its parts' locks are ever held at once, and none is held
// while calling the listener, a `done`, the host (it takes the page's lock under its own) or DevTools.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/webcast/page_source.h"
#include "pages/browser_host.h"

namespace rtc::pages {

class PageChecks;
class PageFrames;
class PageLog;
class PageNavigation;
class PageThread;
class RecordingStore;
class RecordingTap;

class ChromiumPage final : public webcast::Page,
                           public HostedPage,
                           public std::enable_shared_from_this<ChromiumPage> {
  public:
    // Where the page is in its life ("State" in describe()).
    enum class State { Waiting, Opening, Loaded, Capturing, Closed, Failed };

    // `recordings` null: the page is not recorded (Pages.Record false).
    ChromiumPage(std::shared_ptr<BrowserHost> host, webcast::PageRequest request,
                 std::shared_ptr<webcast::PageListener> listener,
                 std::shared_ptr<RecordingStore> recordings = nullptr);
    ~ChromiumPage() override = default;

    // webcast::Page
    void begin_capture(bool after_start_call) override;
    void reload() override;
    void probe(webcast::PageCheck check, std::function<void(webcast::ProbeResult)> done) override;
    void close() override;
    nlohmann::json describe() const override;
    std::optional<std::string> screenshot_png() const override;

    // The BrowserHost's side.
    void run() override;  // the page's thread
    void on_event(const std::string& method,
                  const nlohmann::json& params) override;  // DevTools reader thread
    void browser_died(const std::string& detail) override;
    bool is_closed() const override;
    const webcast::PageRequest& request() const { return req_; }

  private:
    void open();                                                         // on the page's thread
    void report(const std::function<void(webcast::PageListener&)>& fn);  // page thread
    void fail(const std::string& detail);  // page thread: reports failed("PageCrash", detail) once, then ends
    void note(const std::string& text);    // page thread: a line in the task's events (capped per page)
    void take_first_frame(int attempt);
    void start_recording();  // page thread, at the first frame of capture

    const std::shared_ptr<BrowserHost> host_;
    const webcast::PageRequest req_;
    const std::shared_ptr<webcast::PageListener> listener_;
    const std::int64_t created_ns_;
    const std::shared_ptr<RecordingStore> recordings_;
    const std::shared_ptr<RecordingTap> tap_;  // null when not recorded
    const std::shared_ptr<PageThread> thread_;
    const std::shared_ptr<PageLog> log_;
    const std::shared_ptr<PageNavigation> nav_;
    const std::shared_ptr<PageFrames> frames_;
    const std::shared_ptr<PageChecks> checks_;

    mutable std::mutex mu_;
    bool closing_ = false;  // close() was called: reports stop
    bool failed_ = false;
    State state_ = State::Waiting;
    std::string failure_;
    bool capture_wanted_ = false;
    bool capturing_ = false;
    std::int64_t first_frame_ms_ = -1;  // from open() to the first frame
    std::int64_t waited_for_slot_ms_ = -1;
    int notes_ = 0;
};

}  // namespace rtc::pages
