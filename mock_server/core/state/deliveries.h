// Where the callback outbox's state lives: each event's delivery (what every attempt sends), the order of a
// task's events (one waits for the previous one's first attempt), the journal of attempts and the retries
// that are due later (due events). The outbox (callbacks/outbox.h) decides; this keeps.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/models/callbacks.h"
#include "core/state/due.h"

namespace rtc::state {

class Deliveries {
  public:
    virtual ~Deliveries() = default;

    // Keeps a delivery. The oldest finished ones are forgotten past the bound, never one still in play (on
    // the wire, waiting for a retry, holding its task's slot or waiting for its turn), nor the one just
    // added.
    virtual void add(callbacks::DeliveryRecord delivery) = 0;
    virtual std::optional<callbacks::DeliveryRecord> find(const std::string& delivery_id) const = 0;
    // An attempt goes on the wire: the record as it is sent, its attempt count raised to at least `attempt`;
    // nullopt for an unknown delivery.
    virtual std::optional<callbacks::DeliveryRecord> begin_attempt(const std::string& delivery_id,
                                                                   int attempt) = 0;
    // That attempt's answer came (or never will).
    virtual void end_attempt(const std::string& delivery_id) = 0;

    // A task's events leave in order: true when the task had nothing on the way (this delivery now holds its
    // slot and goes at once), false when it waits behind an earlier one.
    virtual bool take_task_slot(const std::string& task, const std::string& delivery_id) = 0;
    // The slot's holder finished its first attempt: the task's next waiting delivery, which now holds it.
    virtual std::optional<std::string> release_task_slot(const std::string& task) = 0;
    // Every delivery still waiting for its task's turn; the queues are emptied (shutdown).
    virtual std::vector<std::string> drop_waiting() = 0;

    // The attempts' journal, bounded: gives the record its Seq.
    virtual callbacks::AttemptRecord record(callbacks::AttemptRecord attempt) = 0;
    virtual std::vector<callbacks::AttemptRecord> attempts(const callbacks::AttemptQuery& query) const = 0;

    // Retries are due events.
    virtual void schedule_retry(const std::string& delivery_id, int attempt, TimeMs when) = 0;
    virtual std::optional<TimeMs> next_due() const = 0;
    // The retries due at `now`, each claimed (and gone from the schedule).
    virtual std::vector<callbacks::DueRetry> claim_due(TimeMs now) = 0;
    // Every scheduled retry, due or not; the schedule is emptied (shutdown).
    virtual std::vector<callbacks::DueRetry> take_retries() = 0;
    virtual std::size_t retries_pending() const = 0;
    virtual void set_wakeup(DueWakeup* wakeup) = 0;

    // Forgets everything.
    virtual void clear() = 0;
};

}  // namespace rtc::state
