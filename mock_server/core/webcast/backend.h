// The Webcast family's backend: the one owner of every Webcast task and of every transition of one (start,
// first frame, checks, refresh, reschedule, end). A task's record, its timers and its page live together in
// one entry of a sharded table and change only under that entry's lock, so a StopWebcast racing its
// StartWebcast, a timer or a page report always sees one consistent task. The state machine itself (what
// each event does) is in lifecycle.cpp; docs/lifecycle.md draws it. The actions (responses.cpp) and the admin
// API see only this class.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/events/hub.h"
#include "core/webcast/models.h"
#include "core/webcast/page_source.h"
#include "core/webcast/task_timers.h"

namespace rtc {
class Console;
}
namespace rtc::callbacks {
class CallbackBackend;
}

namespace rtc::webcast {

// What a page event (admin API, Timelines) did; the admin API maps these to HTTP statuses.
enum class PageEventResult {
    Applied,
    UnknownTask,     // no such task
    TaskNotRunning,  // the task has ended
    NotifyDisabled,  // WebcastStart / WebcastEnd on a task without EnableEventNotify: the page has no such JS
    NotSimulated,    // the page is real: its state cannot be set from outside
};

// A task as the admin API shows it: the record and its current page (null when it has none).
struct TaskView {
    WebcastTask task;
    std::shared_ptr<Page> page;
};

class WebcastBackend {
  public:
    // `pages` null: ScriptedPages. `console` answers app access; `callbacks` sends the task's events.
    WebcastBackend(const Config& config, Scheduler& scheduler, const Console& console,
                   callbacks::CallbackBackend& callbacks, const events::Hub& hub,
                   std::unique_ptr<PageSource> pages = nullptr);
    ~WebcastBackend();
    WebcastBackend(const WebcastBackend&) = delete;
    WebcastBackend& operator=(const WebcastBackend&) = delete;

    enum class Start { Created, AlreadyRunning, EndedNotRestartable };
    struct StartOutcome {
        Start outcome;
    };
    // Creates the task (or a new generation of an ended one) and starts its lifecycle, as one step. The
    // answer is the outcome alone: a load test's replayed start copies nothing out of the store.
    StartOutcome start(const WebcastSpec& spec, const std::string& account_id, TimeMs now);
    // Ends a running task (StopByAPI) and sends its end callback; nullopt when no task with the key runs.
    std::optional<WebcastTask> stop(const TaskKey& key, TimeMs now);
    std::optional<WebcastTask> get(const TaskKey& key) const;
    std::vector<TaskView> all() const;
    // The BusinessId of the callback setting a task of (app, business) reports to now ("" the app's
    // default), or nullopt when no setting takes its events (docs/service-facts.md §5).
    std::optional<std::string> callback_route(const std::string& app_id,
                                              const std::string& business_id) const;
    // The task's current page (the screenshot route), or null.
    std::shared_ptr<Page> page(const TaskKey& key) const;
    // Plays a page event (admin API, Timelines) on the task's current page.
    PageEventResult page_event(const TaskKey& key, PageEvent event);

    std::size_t size() const;
    std::size_t running() const;
    const Console& console() const { return console_; }
    const Config& config() const { return config_; }
    const char* page_source() const { return pages_->name(); }

    // Back to nothing: every task forgotten, every page closed (the Scheduler's timers are already gone).
    void reset();
    // Stops every timer of every task and closes the page source.
    void shutdown();

  private:
    // Timers a running task may have, at most one of each kind at a time; timeline events aside.
    enum TimerKind {
        kMaxRunningTime,
        kStartTimeout,
        kFreezeCheck,
        kBlankCheck,
        kCrashCheck,
        kFirstFrame,  // a page with a fixed first-frame delay (Page::fixed_first_frame_delay)
        kTimerKinds
    };
    struct Runtime {
        std::uint64_t instance = 0;  // the current page instance (1, +1 per reschedule)
        std::shared_ptr<Page> page;
        std::array<std::int32_t, kTimerKinds> timer_pos{-1, -1, -1, -1, -1, -1};  // in the shard's TaskTimers
        // Pending timeline events (a config feature; cancelling a fired one is a no-op).
        std::unique_ptr<std::vector<Scheduler::TimerId>> timeline;
    };
    struct Entry {
        const TaskKey* key = nullptr;  // the map's own key (nodes do not move)
        WebcastTask task;
        Runtime rt;  // empty once the task has ended
        std::int32_t& timer_pos(int kind) { return rt.timer_pos[static_cast<std::size_t>(kind)]; }
    };
    static constexpr std::size_t kShards = 64;
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<TaskKey, Entry, TaskKeyHash> entries;
        TaskTimers<Entry> timers;
        Scheduler::TimerId alarm = 0;  // the Scheduler timer set at the earliest of `timers`
        TimeMs alarm_at = 0;
    };
    // Page calls collected under a task lock and made once it is released (a page may report synchronously,
    // from inside the call, and its report takes the lock again).
    class After {
      public:
        void operator()(std::function<void()> call) { calls_.push_back(std::move(call)); }
        void run() {
            for (auto& c : calls_) c();
            calls_.clear();
        }

      private:
        std::vector<std::function<void()>> calls_;
    };
    class Reporter;

    Shard& shard_of(const TaskKey& key) const;
    // The running entry of this generation (and page instance, when given), or null. Shard lock held.
    Entry* live(Shard& s, const TaskKey& key, std::uint64_t generation, std::uint64_t instance = 0);

    // Runs step(entry, now, after) on the live entry of (key, generation, instance) under its lock; page
    // calls queued on `after` are made once the lock is released, and a task the step ended joins the ended
    // list.
    template <typename Step>
    void transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, Step&& step);

    // lifecycle.cpp: the state machine. The functions below run with the entry's shard lock held, but the
    // on_* entry points (the shard's alarm and page reports), which take it.
    void begin_instance(Entry& e, TimeMs now, After& after);
    // Opens the page of an instance (no lock held) and attaches it, unless the task has moved on meanwhile.
    void open_page(const PageRequest& request);
    void arm(Entry& e, TimerKind kind, TimeMs when);
    void arm_check(Entry& e, PageCheck check, TimeMs now);
    // Keeps the shard's Scheduler alarm at its earliest timer.
    void rearm(Shard& s, std::size_t index);
    void on_alarm(std::size_t index);
    void fire(Entry& e, TimerKind kind, TimeMs now, After& after);
    void on_probe(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, PageCheck check,
                  const ProbeResult& result);
    void on_start_called(const TaskKey& key, std::uint64_t generation, std::uint64_t instance);
    void on_first_frame(const TaskKey& key, std::uint64_t generation, std::uint64_t instance);
    // Capture may begin on the task's page (under the task's lock): timed here for a page with a fixed
    // first-frame delay; otherwise `after` asks the page.
    void begin_capture(Entry& e, bool after_start_call, TimeMs now, After& after);
    void first_frame(Entry& e, TimeMs now);
    void on_end_called(const TaskKey& key, std::uint64_t generation, std::uint64_t instance);
    void on_failed(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                   const std::string& reason, const std::string& detail);
    void on_note(const TaskKey& key, std::uint64_t generation, const std::string& text);
    void refresh(Entry& e, const std::string& reason, TimeMs now, After& after);
    void reschedule(Entry& e, const std::string& reason, TimeMs now, After& after);
    void end(Entry& e, TaskStatus status, const std::string& stop_reason, const std::string& callback_reason,
             TimeMs now, After& after);
    void cancel_timers(Entry& e, bool instance_bound_only);
    void notify(const WebcastTask& task, int status, const std::string& reason, TimeMs now);
    void publish(const WebcastTask& task, events::TaskStep step, TimeMs now, int status = 0,
                 std::string reason = "", std::string detail = "") const;
    void note_ended(const TaskKey& key, std::uint64_t generation);

    const Config& config_;
    Scheduler& scheduler_;
    const Console& console_;
    callbacks::CallbackBackend& callbacks_;
    const events::Hub& hub_;
    std::unique_ptr<PageSource> pages_;
    mutable std::array<Shard, kShards> shards_;
    // Ended tasks kept for GetWebCastTask (Tasks.MaxEndedTasks), oldest forgotten first.
    std::mutex ended_mu_;
    std::deque<std::pair<TaskKey, std::uint64_t>> ended_;
};

// GetWebCastTask's WebCastTask object and the admin API's view of a task's page state.
// GetWebCastTask's Result, {"WebCastTask":{...}}, written by hand (a load test polls it): the bytes nlohmann
// would dump for the same document, keys in its order (tests/unit/webcast_task_json_test.cpp).
std::string webcast_task_result(const WebcastTask& task);
nlohmann::json page_state_json(const WebcastTask& task, const Page* page);

}  // namespace rtc::webcast
