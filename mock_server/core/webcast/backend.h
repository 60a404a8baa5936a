// The Webcast family's backend: every transition of a Webcast task (start, first frame, checks, refresh,
// reschedule, end), as steps the state engine applies to the task's record and timers at once
// (core/state/webcast_tasks.h), so a StopWebcast racing its StartWebcast, a timer or a page report always
// sees one consistent task. The state machine itself (what each event does) is in lifecycle.cpp;
// docs/lifecycle.md draws it. The actions (responses.cpp) and the admin API see only this class.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/events/hub.h"
#include "core/models/webcast.h"
#include "core/state/apps.h"
#include "core/state/due.h"
#include "core/state/replicas.h"
#include "core/state/webcast_tasks.h"
#include "core/tasks_settings.h"
#include "core/webcast/live_pages.h"
#include "core/webcast/page_source.h"
#include "core/webcast/settings.h"

namespace rtc::callbacks {
class CallbackBackend;
}

namespace rtc::webcast {

// What a page event (admin API, Timelines) did; the admin API maps these to HTTP statuses.
enum class PageEventResult {
    Applied,
    UnknownTask,     // no such task
    TaskNotRunning,  // the task has ended (or its real page is still opening)
    NotifyDisabled,  // WebcastStart / WebcastEnd on a task without EnableEventNotify: the page has no such JS
    NotSimulated,    // the page is real: its state cannot be set from outside
};

// What the lifecycle needs of the config.
struct LifecycleOptions {
    LifecycleSettings lifecycle;
    std::vector<Timeline> timelines;
    TaskSettings tasks;
    int end_status = 2;  // Callbacks.EndStatus
};

class WebcastBackend final : public state::DueSource {
  public:
    // `pages` null: simulated pages (simulated_page.h). `apps` answers app access; `callbacks` sends the
    // task's events.
    // `replicas`: the processes sharing the tasks (a real page lives in the one that opened it).
    WebcastBackend(LifecycleOptions options, state::WebcastTasks& tasks, const state::Apps& apps,
                   const state::Replicas& replicas, callbacks::CallbackBackend& callbacks,
                   const events::Hub& hub, const Clock& clock, std::unique_ptr<PageSource> pages = nullptr);
    ~WebcastBackend() override;
    WebcastBackend(const WebcastBackend&) = delete;
    WebcastBackend& operator=(const WebcastBackend&) = delete;

    enum class Start { Created, AlreadyRunning, EndedNotRestartable };
    // Creates the task (or a new generation of an ended one) and starts its lifecycle, as one step. The
    // answer is the outcome alone: a load test's replayed start copies nothing out of the store.
    Start start(WebcastSpec spec, const std::string& account_id, TimeMs now);  // by value: a caller may move
    // Ends a running task (StopByAPI) and sends its end callback; nullopt when no task with the key runs.
    std::optional<WebcastTask> stop(const TaskKey& key, TimeMs now);
    std::optional<WebcastTask> get(const TaskKey& key) const;
    // Every task, with what its page says of itself (the admin API's task list).
    void for_each(const std::function<void(const WebcastTask&, const nlohmann::json& page)>& visit) const;
    // The admin API's view of a task's page: the lifecycle's counters and what the page says.
    nlohmann::json page_state(const WebcastTask& task) const;
    // The task's current real page (the screenshot route), or null.
    std::shared_ptr<Page> page(const TaskKey& key) const { return live_.get(key); }
    // Plays a page event (admin API) on the task's current page.
    PageEventResult page_event(const TaskKey& key, PageEvent event);
    state::WebcastTasks::Counts counts() const { return tasks_.counts(); }
    // The BusinessId of the callback setting a task of (app, business) reports to now ("" the app's
    // default), or nullopt when no setting takes its events (docs/service-facts.md §5).
    std::optional<std::string> callback_route(const std::string& app_id,
                                              const std::string& business_id) const;
    const state::Apps& apps() const { return apps_; }
    const TaskSettings& tasks() const { return options_.tasks; }
    const char* page_source() const { return pages_ ? pages_->name() : "scripted"; }
    // The task's recording, from the page source that made it (none with simulated pages).
    RecordingBytes recording(const TaskKey& key) const {
        return pages_ ? pages_->recording(key) : RecordingBytes{};
    }

    // state::DueSource: the tasks' timers.
    std::optional<TimeMs> next_due() const override { return tasks_.next_due(); }
    std::size_t run_due(TimeMs now) override;
    std::size_t pending() const override { return tasks_.pending_timers(); }

    // Back to nothing: every real page closed (the engine forgets the tasks).
    void reset();
    // No task moves any more: timers dropped at once, every page silenced (a page event plays nothing, a task
    // started afterwards never captures).
    void shutdown();

  private:
    // What a step decided besides the record: task steps to publish (and callbacks to send), in the task's
    // order once the change is stored; and calls of a real page, made once no lock is held (a page may
    // report synchronously, from inside the call, and its report changes the task again).
    struct Notice {
        events::TaskStep step;
        int status = 0;
        std::string reason;
        std::string detail;
        bool callback = false;
    };
    struct Effects {
        std::vector<Notice> notices;
        std::vector<std::function<void()>> page_calls;
        void note(events::TaskStep step, int status = 0, std::string reason = "", std::string detail = "",
                  bool callback = false) {
            notices.push_back(Notice{step, status, std::move(reason), std::move(detail), callback});
        }
    };
    class Reporter;

    // One transition at `now` of the running task (of `generation` and page `instance` when not 0):
    // `step(txn, now, effects)`; the effects follow. False when there is no such running task.
    template <typename Step>
    bool change(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, TimeMs now,
                Step&& step);
    void commit(const WebcastTask& task, TimeMs now, const Effects& fx) const;

    // lifecycle.cpp: the state machine, each a part of one step.
    void begin(state::TaskTxn& txn, TimeMs now, Effects& fx);
    void begin_instance(state::TaskTxn& txn, TimeMs now, Effects& fx);
    void begin_capture(state::TaskTxn& txn, bool after_start_call, TimeMs now, Effects& fx);
    void first_frame(state::TaskTxn& txn, TimeMs now, Effects& fx);
    void fire(state::TaskTxn& txn, WebcastTimer timer, TimeMs now, Effects& fx);
    // A real page's timer that fell due in a process without the page: true when it was dealt with there
    // (handed back to the page's process, or the task rescheduled because that process is gone).
    bool page_elsewhere(state::TaskTxn& txn, WebcastTimer timer, TimeMs now, Effects& fx);
    void judge(state::TaskTxn& txn, PageCheck check, const ProbeResult& result, TimeMs now, Effects& fx);
    void start_called(state::TaskTxn& txn, TimeMs now, Effects& fx);
    void end_called(state::TaskTxn& txn, TimeMs now, Effects& fx);
    void play(state::TaskTxn& txn, PageEvent event, TimeMs now, Effects& fx);
    void arm_check(state::TaskTxn& txn, PageCheck check, TimeMs now);
    void refresh(state::TaskTxn& txn, const std::string& reason, TimeMs now, Effects& fx);
    void reschedule(state::TaskTxn& txn, const std::string& reason, TimeMs now, Effects& fx);
    void end(state::TaskTxn& txn, TaskStatus status, const std::string& stop_reason,
             const std::string& callback_reason, TimeMs now, Effects& fx);

    // Real pages: opened outside any lock, attached to the instance they were opened for.
    void open_page(const PageRequest& request);
    void on_probe(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, PageCheck check,
                  const ProbeResult& result);
    void notify(const WebcastTask& task, int status, const std::string& reason, TimeMs now) const;

    const LifecycleOptions options_;
    state::WebcastTasks& tasks_;
    const state::Apps& apps_;
    const state::Replicas& replicas_;
    callbacks::CallbackBackend& callbacks_;
    const events::Hub& hub_;
    const Clock& clock_;
    const std::unique_ptr<PageSource> pages_;  // null: simulated pages
    LivePages live_;
    std::atomic<bool> stopped_{false};
};

}  // namespace rtc::webcast
