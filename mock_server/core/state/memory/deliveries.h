// The callback outbox's state in process memory: deliveries by id (bounded, oldest finished first), each
// task's queue of waiting events, the bounded journal of attempts and the retry schedule, under one lock.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/state/deliveries.h"

namespace rtc::state::memory {

class MemoryDeliveries final : public Deliveries {
  public:
    explicit MemoryDeliveries(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}

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
    void set_wakeup(DueWakeup* wakeup) override;
    void clear() override;

  private:
    // Forgets the oldest finished deliveries past the bound. Under mu_.
    void trim();

    const std::size_t capacity_;
    mutable std::mutex mu_;
    std::unordered_map<std::string, callbacks::DeliveryRecord> deliveries_;
    std::deque<std::string> order_;  // oldest first, to bound `deliveries_`
    std::deque<callbacks::AttemptRecord> journal_;
    std::uint64_t next_seq_ = 1;
    std::map<std::string, std::string> slot_holder_;             // task -> the delivery holding its slot
    std::map<std::string, std::deque<std::string>> task_queue_;  // task -> deliveries waiting their turn
    // The retry schedule: by due instant (then the order they were set), and by delivery.
    using DueKey = std::tuple<TimeMs, std::uint64_t, std::string>;
    std::set<DueKey> due_;
    std::unordered_map<std::string, std::pair<DueKey, int>> retries_;  // delivery -> its key and attempt
    std::uint64_t next_order_ = 0;
    DueWakeup* wakeup_ = nullptr;
};

}  // namespace rtc::state::memory
