// Where a real Webcast page comes from (`--pages chromium`: ChromiumPages opens the task's SourceURL in
// headless Chromium, docs/pages.md). The lifecycle (docs/lifecycle.md) drives a real page through this
// interface and hears back from it. Without a page source the lifecycle simulates the page itself
// (simulated_page.h), its state part of the task's record. Rules both sides keep: the lifecycle never calls a
// Page while a task is held by the state engine (a page may answer synchronously, from inside the call), and
// a page may report from any thread at any time; reports for a page instance that is no longer the task's
// current one are ignored by the lifecycle.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/models/webcast.h"
#include "core/webcast/page_event.h"

namespace rtc::webcast {

// What a page tells the lifecycle. Any thread, any time after Page was returned by open().
class PageListener {
  public:
    virtual ~PageListener() = default;
    virtual void start_called() = 0;  // the page called onWebcastStart()
    virtual void end_called() = 0;    // the page called onWebcastEnd()
    virtual void first_frame() = 0;   // capture produced its first frame
    // Something worth a line in the task's events (a load error, a console message, a crash); not a check.
    virtual void note(const std::string& text) = 0;
    // The page cannot go on (it failed to load, the browser died): the lifecycle reschedules the task.
    virtual void failed(const std::string& reason, const std::string& detail) = 0;
};

// What opening a page needs to know of its task.
struct PageRequest {
    TaskKey key;
    std::uint64_t generation = 0;  // which start of the task
    std::uint64_t instance = 0;    // which page of this start (1, then one more per reschedule)
    std::string source_url;
    int width = 1280;  // the first VideoSolutions entry, after defaults and rounding
    int height = 720;
    int frame_rate = 15;
    int bitrate_kbps = 0;       // its Bitrate (0: the service adapts; a recording picks a rate for the size)
    bool event_notify = false;  // EnableEventNotify: onWebcastStart()/onWebcastEnd() exist in the page
};

struct ProbeResult {
    bool hit = false;    // frozen / blank / crashed
    std::string detail;  // how it was judged, for the task's events
};

class Page {
  public:
    virtual ~Page() = default;
    // Capture may start: at open() without EnableEventNotify, after onWebcastStart() with it. The first
    // frame is reported through PageListener::first_frame.
    virtual void begin_capture(bool after_start_call) = 0;
    // The refresh of Status=4: the same page reloaded (capture waits for it again).
    virtual void reload() = 0;
    // One MonitorConfig check; `done` runs exactly once, on any thread (possibly inside this call).
    virtual void probe(PageCheck check, std::function<void(ProbeResult)> done) = 0;
    // The page is no longer wanted (task ended, rescheduled elsewhere). Idempotent; reports stop.
    virtual void close() = 0;
    // What the admin API shows of the page (its console and errors).
    virtual nlohmann::json describe() const = 0;
    // The latest frame as PNG at the viewport's size, if this kind of page has frames.
    virtual std::optional<std::string> screenshot_png() const { return std::nullopt; }
};

// A task's recording as WebM (docs/pages.md "Recordings"): the bytes, or why there are none.
struct RecordingBytes {
    std::optional<std::string> webm;
    std::string missing;  // when !webm: "no recording of ..." ("" = this kind of page records nothing)
};

class PageSource {
  public:
    virtual ~PageSource() = default;
    // A new page instance for the request. Never blocks for long: a slow open reports through `listener`.
    virtual std::shared_ptr<Page> open(const PageRequest& request,
                                       std::shared_ptr<PageListener> listener) = 0;
    // Closes every page it opened (none reports anything afterwards) and frees the source's resources
    // (SIGTERM closes the browser). Called once, when the mock stops.
    virtual void shutdown() = 0;
    virtual const char* name() const = 0;  // "chromium"
    // The newest recording of the task's pages: whole once ended, the frames so far while it runs.
    virtual RecordingBytes recording(const TaskKey& /*key*/) const { return {}; }
};

}  // namespace rtc::webcast
