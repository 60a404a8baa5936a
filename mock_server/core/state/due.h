// Due events: what the service must do at a given instant (a task's timer, a callback's retry). The state
// engine keeps them beside the records they belong to, so a change of a task and of its timers is one step;
// the pump (core/due_pump.h) wakes when the earliest falls due and has its owner claim and run it.
#pragma once

#include <cstddef>
#include <optional>

#include "core/time_ms.h"

namespace rtc::state {

// Told when an event is armed, so a pump asleep until a later instant wakes up in time. Must not block.
class DueWakeup {
  public:
    virtual void due_at(TimeMs when) = 0;

  protected:
    ~DueWakeup() = default;
};

// What a pump drives: something whose due events it can ask about and have run.
class DueSource {
  public:
    virtual ~DueSource() = default;
    // The earliest instant an event is due; nullopt when none is.
    virtual std::optional<TimeMs> next_due() const = 0;
    // Claims every event due at `now`, earliest first, and runs each; returns how many ran.
    virtual std::size_t run_due(TimeMs now) = 0;
    // Events waiting (the state dump's PendingTimers).
    virtual std::size_t pending() const = 0;
};

}  // namespace rtc::state
