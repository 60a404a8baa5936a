// Where Webcast tasks live: each task's record (webcast/models.h), its version, and its timers (due events).
// Every change of a task is one transition: a step reads the record, changes it and arms or cancels its
// timers, and the engine stores all of it at once, only if no other change of the task came in between (an
// engine that cannot hold the task while the step runs retries the step on the newer record). So a stop
// racing an end, on any thread or process, gives one end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/function_ref.h"
#include "core/models/webcast.h"
#include "core/state/due.h"

namespace rtc::state {

using webcast::TaskKey;
using webcast::WebcastTask;
using webcast::WebcastTimer;

// One transition's view of its task: the record to change, and its timers.
class TaskTxn {
  public:
    virtual WebcastTask& task() = 0;
    // Sets (or moves) the task's timer of that kind.
    virtual void arm(WebcastTimer timer, TimeMs when) = 0;
    virtual void cancel(WebcastTimer timer) = 0;
    // True when a timer this caller claimed (claim_due) is still the task's timer of that kind: neither moved
    // nor cancelled since. Acknowledges it: the claim ends with the transition that asks.
    virtual bool acknowledge(WebcastTimer timer) = 0;

  protected:
    ~TaskTxn() = default;
};

// A timer that fell due and was claimed; its owner runs it as a transition of its task.
struct DueTimer {
    TaskKey key;
    std::uint64_t generation = 0;
    WebcastTimer timer = WebcastTimer::MaxRunningTime;
    TimeMs when = 0;
};

// A timer a task has armed (the state export's view).
struct ArmedTimer {
    WebcastTimer timer = WebcastTimer::MaxRunningTime;
    TimeMs when = 0;
};

class WebcastTasks {
  public:
    virtual ~WebcastTasks() = default;

    enum class Created { Created, AlreadyRunning, EndedNotRestartable };
    // Changes the task; runs while the engine holds it, and may run more than once (keep it free of effects).
    using Step = FunctionRef<void(TaskTxn&)>;
    // Runs once the change is stored, before any later change of the same task is: where a transition's
    // effects (events, callbacks) go, so that a task's effects keep its order.
    using Commit = FunctionRef<void(const WebcastTask&)>;

    // Stores `task` (its spec names the key) as a new task, or as the next generation of an ended one when
    // `restart_ended`; `init` arms its first timers. The engine numbers the generation.
    virtual Created create(const WebcastTask& task, bool restart_ended, Step init, Commit commit) = 0;
    // The running task with this key, of `generation` (0: any) and page `instance` (0: any): `step` changes
    // it. False when there is no such running task.
    virtual bool transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, Step step,
                            Commit commit) = 0;
    virtual std::optional<WebcastTask> get(const TaskKey& key) const = 0;
    // The timers the task has armed now, by kind (empty for an ended or unknown task).
    virtual std::vector<ArmedTimer> timers(const TaskKey& key) const = 0;
    // Every task, in no particular order.
    virtual void for_each(FunctionRef<void(const WebcastTask&)> visit) const = 0;
    struct Counts {
        std::size_t stored = 0;
        std::size_t running = 0;
    };
    virtual Counts counts() const = 0;

    // Due timers: the earliest instant one is due, and the ones due at `now` (at most `max`), each claimed by
    // the caller until a transition of its task acknowledges it (TaskTxn::acknowledge).
    virtual std::optional<TimeMs> next_due() const = 0;
    virtual std::vector<DueTimer> claim_due(TimeMs now, std::size_t max) = 0;
    virtual std::size_t pending_timers() const = 0;
    virtual void set_wakeup(DueWakeup* wakeup) = 0;

    // Forgets every task and timer.
    virtual void clear() = 0;
    // Stops every timer at once (the process is stopping; a million tasks must not take seconds).
    virtual void drop_timers() = 0;
};

}  // namespace rtc::state
