// The life of a Webcast task after StartWebcast: first frame, page checks, refresh / reschedule, the end,
// and the callbacks of each step, all on the injectable clock's scheduler (issue 6). docs/lifecycle.md
// draws the state machine. Every state change goes through the WebcastStore, so GetWebCastTask shows it.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/webcast/lifecycle_config.h"
#include "core/webcast/models.h"

namespace rtc {
class MockService;
}

namespace rtc::webcast {

// What a simulated page event did (the admin API maps these to HTTP statuses).
enum class PageEventResult {
    Applied,
    UnknownEvent,    // not one of page_event_names()
    UnknownTask,     // no such task
    TaskNotRunning,  // the task has ended
    NotifyDisabled,  // WebcastStart / WebcastEnd on a task without EnableEventNotify: the page has no such JS
};

class Lifecycle {
  public:
    explicit Lifecycle(MockService& service) : service_(service) {}
    // Called by StartWebcast after a task was created (not for a repeated start of a running task).
    void on_started(const WebcastTask& task);
    // Called after a task ended (StopWebcast, MaxRunningTime, onWebcastEnd): its final state is in the store.
    void on_stopped(const WebcastTask& task);
    // Plays a page event (admin API, fixture timelines).
    PageEventResult page_event(const TaskKey& key, const std::string& event);
    // Tasks the lifecycle is driving.
    std::size_t active() const;
    void reset();
    void shutdown();

  private:
    struct Runtime {
        std::uint64_t generation = 0;  // the store's generation of the task this runtime drives
        std::uint64_t epoch = 0;       // bumps on every (re)schedule: a new page instance
        int reschedules = 0;
        std::set<Scheduler::TimerId> timers;  // pending, cancelled when the task ends
    };

    // All below run with mu_ held. A timer runs `fn` (under mu_) only if its task is still the same
    // generation and, when instance-bound, the same page instance: stale timers do nothing.
    void arm(const TaskKey& key, Runtime& rt, TimeMs when, bool instance_bound, std::function<void()> fn);
    void arm_check(const TaskKey& key, Runtime& rt, int kind);
    void begin_instance(const TaskKey& key, Runtime& rt);
    void first_frame(const TaskKey& key);
    void start_timeout(const TaskKey& key);
    void max_running_time(const TaskKey& key);
    void check(const TaskKey& key, int kind);
    void refresh(const TaskKey& key, const std::string& reason);
    void reschedule(const TaskKey& key, const std::string& reason);
    void end(const TaskKey& key, TaskStatus status, const std::string& stop_reason,
             const std::string& callback_reason);
    PageEventResult apply(const TaskKey& key, const std::string& event);
    // Changes the stored task if it is still running and of this runtime's generation; nullopt otherwise.
    std::optional<WebcastTask> update(const TaskKey& key, const std::function<void(WebcastTask&)>& fn);
    void notify(const WebcastTask& task, int status, const std::string& reason);
    void forget(const TaskKey& key);
    const LifecycleSettings& settings() const;

    MockService& service_;
    mutable std::mutex mu_;
    std::map<TaskKey, Runtime> runtimes_;
};

}  // namespace rtc::webcast
