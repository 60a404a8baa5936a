#include "core/state/memory/deliveries.h"

#include <algorithm>

namespace rtc::state::memory {

using callbacks::AttemptQuery;
using callbacks::AttemptRecord;
using callbacks::DeliveryRecord;
using callbacks::DueRetry;

void MemoryDeliveries::add(DeliveryRecord delivery) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string id = delivery.base.delivery_id;
    deliveries_[id] = std::move(delivery);
    order_.push_back(id);
    trim();
}

void MemoryDeliveries::trim() {
    // Oldest first, stepping over the ones in play and the one just added (about to be sent): they stay.
    std::size_t i = 0;
    while (deliveries_.size() > capacity_ && i + 1 < order_.size()) {
        auto it = deliveries_.find(order_[i]);
        if (it != deliveries_.end()) {
            const callbacks::DeliveryRecord& d = it->second;
            if (d.sending > 0 || d.holds_task_slot || d.waiting_turn || retries_.count(order_[i])) {
                ++i;
                continue;
            }
        }
        if (it != deliveries_.end()) deliveries_.erase(it);
        order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(i));
    }
}

std::optional<DeliveryRecord> MemoryDeliveries::find(const std::string& delivery_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = deliveries_.find(delivery_id);
    if (it == deliveries_.end()) return std::nullopt;
    return it->second;
}

std::optional<DeliveryRecord> MemoryDeliveries::begin_attempt(const std::string& delivery_id, int attempt) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = deliveries_.find(delivery_id);
    if (it == deliveries_.end()) return std::nullopt;
    it->second.base.attempt = std::max(it->second.base.attempt, attempt);
    ++it->second.sending;
    return it->second;
}

void MemoryDeliveries::end_attempt(const std::string& delivery_id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = deliveries_.find(delivery_id);
    if (it != deliveries_.end() && it->second.sending > 0) --it->second.sending;
}

bool MemoryDeliveries::take_task_slot(const std::string& task, const std::string& delivery_id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto [holder, idle] = slot_holder_.emplace(task, delivery_id);
    auto it = deliveries_.find(delivery_id);
    if (!idle) {
        task_queue_[task].push_back(delivery_id);
        if (it != deliveries_.end()) it->second.waiting_turn = true;
        return false;
    }
    if (it != deliveries_.end()) it->second.holds_task_slot = true;
    return true;
}

std::optional<std::string> MemoryDeliveries::release_task_slot(const std::string& task) {
    std::lock_guard<std::mutex> lock(mu_);
    auto holder = slot_holder_.find(task);
    if (holder == slot_holder_.end()) return std::nullopt;
    if (auto it = deliveries_.find(holder->second); it != deliveries_.end())
        it->second.holds_task_slot = false;
    auto q = task_queue_.find(task);
    if (q == task_queue_.end() || q->second.empty()) {
        slot_holder_.erase(holder);
        if (q != task_queue_.end()) task_queue_.erase(q);
        return std::nullopt;
    }
    std::string next = std::move(q->second.front());
    q->second.pop_front();
    holder->second = next;
    if (auto it = deliveries_.find(next); it != deliveries_.end()) {
        it->second.waiting_turn = false;
        it->second.holds_task_slot = true;
    }
    return next;
}

std::vector<std::string> MemoryDeliveries::drop_waiting() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (auto& [task, q] : task_queue_)
        for (auto& id : q) {
            if (auto it = deliveries_.find(id); it != deliveries_.end()) it->second.waiting_turn = false;
            out.push_back(std::move(id));
        }
    task_queue_.clear();
    return out;
}

AttemptRecord MemoryDeliveries::record(AttemptRecord attempt) {
    std::lock_guard<std::mutex> lock(mu_);
    attempt.seq = next_seq_++;
    journal_.push_back(attempt);
    while (journal_.size() > capacity_) journal_.pop_front();
    return attempt;
}

std::vector<AttemptRecord> MemoryDeliveries::attempts(const AttemptQuery& q) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<AttemptRecord> out;
    for (const auto& r : journal_)
        if (q.matches(r)) out.push_back(r);
    if (q.limit && out.size() > q.limit) out.erase(out.begin(), out.end() - static_cast<long>(q.limit));
    return out;
}

void MemoryDeliveries::schedule_retry(const std::string& delivery_id, int attempt, TimeMs when) {
    DueWakeup* wake = nullptr;
    {
        std::lock_guard<std::mutex> lock(mu_);
        auto old = retries_.find(delivery_id);
        if (old != retries_.end()) {
            due_.erase(old->second.first);
            retries_.erase(old);
        }
        DueKey key{when, next_order_++, delivery_id};
        due_.insert(key);
        retries_.emplace(delivery_id, std::make_pair(std::move(key), attempt));
        wake = wakeup_;
    }
    if (wake) wake->due_at(when);
}

std::optional<TimeMs> MemoryDeliveries::next_due() const {
    std::lock_guard<std::mutex> lock(mu_);
    if (due_.empty()) return std::nullopt;
    return std::get<0>(*due_.begin());
}

std::vector<DueRetry> MemoryDeliveries::claim_due(TimeMs now) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<DueRetry> out;
    while (!due_.empty() && std::get<0>(*due_.begin()) <= now) {
        const std::string id = std::get<2>(*due_.begin());
        due_.erase(due_.begin());
        auto it = retries_.find(id);
        out.push_back(DueRetry{id, it->second.second, std::get<0>(it->second.first)});
        retries_.erase(it);
    }
    return out;
}

std::vector<DueRetry> MemoryDeliveries::take_retries() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<DueRetry> out;
    for (const auto& key : due_) {
        const std::string& id = std::get<2>(key);
        out.push_back(DueRetry{id, retries_.at(id).second, std::get<0>(key)});
    }
    due_.clear();
    retries_.clear();
    return out;
}

std::size_t MemoryDeliveries::retries_pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return retries_.size();
}

void MemoryDeliveries::set_wakeup(DueWakeup* wakeup) {
    std::lock_guard<std::mutex> lock(mu_);
    wakeup_ = wakeup;
}

void MemoryDeliveries::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    deliveries_.clear();
    order_.clear();
    journal_.clear();
    slot_holder_.clear();
    task_queue_.clear();
    due_.clear();
    retries_.clear();
}

}  // namespace rtc::state::memory
