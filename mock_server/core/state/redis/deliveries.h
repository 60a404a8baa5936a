// The callback outbox's state in Redis, shared by every replica. Keys (PREFIX + ...):
//   dl:d:{id}      a delivery: j (its encoded record, core/state/codec/callbacks_json.h) and where it stands:
//                  a (attempts made), s (attempts on the wire), h (holds its task's slot), w (waits its turn)
//   dl:order       delivery ids, oldest first (the bound forgets from the front)
//   dl:slot:{task} the delivery holding the task's slot;  dl:q:{task}  the ones waiting their turn
//   dl:due         retries by due instant;  dl:claimed  claimed retries by the end of their lease
//   dl:ra          delivery -> "attempt when" of its scheduled or claimed retry
//   dl:a:          the attempts' journal (a bounded stream, redis/bounded_stream.h)
// Every step that touches several keys is one script (atomic, one round trip). A claimed retry stays in
// dl:claimed until its attempt goes on the wire (begin_attempt acknowledges it); a claim whose lease ran out
// (its replica died) is claimed again by whoever asks next, and next_due names the lease's end so a
// survivor's pump wakes for it.
#pragma once

#include <atomic>

#include "core/state/deliveries.h"
#include "core/state/redis/bounded_stream.h"
#include "core/state/redis/context.h"

namespace rtc::state::redis {

class RedisDeliveries final : public Deliveries {
  public:
    explicit RedisDeliveries(Context& ctx);

    void add(callbacks::DeliveryRecord delivery) override;
    std::optional<callbacks::DeliveryRecord> find(const std::string& delivery_id) const override;
    std::optional<callbacks::DeliveryRecord> begin_attempt(const std::string& delivery_id,
                                                           int attempt) override;
    void end_attempt(const std::string& delivery_id) override;
    bool take_task_slot(const std::string& task, const std::string& delivery_id) override;
    std::optional<std::string> release_task_slot(const std::string& task) override;
    std::vector<std::string> drop_waiting() override;
    callbacks::AttemptRecord record(callbacks::AttemptRecord attempt) override;
    std::vector<callbacks::AttemptRecord> attempts(const callbacks::AttemptQuery& query) const override;
    void schedule_retry(const std::string& delivery_id, int attempt, TimeMs when) override;
    std::optional<TimeMs> next_due() const override;
    std::vector<callbacks::DueRetry> claim_due(TimeMs now) override;
    std::vector<callbacks::DueRetry> take_retries() override;
    std::size_t retries_pending() const override;
    void set_wakeup(DueWakeup* wakeup) override { wakeup_.store(wakeup); }
    void clear() override;

  private:
    Context& ctx_;
    const std::string prefix_;
    BoundedStream attempts_;
    std::atomic<DueWakeup*> wakeup_{nullptr};
};

}  // namespace rtc::state::redis
