#include "core/events/live_feed.h"

#include <algorithm>
#include <chrono>

#include "core/journal/journal.h"

namespace rtc::events {

LiveFeed::LiveFeed(LiveFeedLimits limits) : limits_(limits) {
    rows_.reserve(limits_.request_rows);
}

void LiveFeed::on_event(const Event& event) {
    if (closed_flag_.load(std::memory_order_acquire)) return;
    if (const auto* request = std::get_if<RequestEvent>(&event)) {
        const std::uint64_t n = requests_seen_.fetch_add(1, std::memory_order_relaxed);
        if (request->entry && request->entry->throttled)
            throttled_seen_.fetch_add(1, std::memory_order_relaxed);
        if (n >= limits_.request_rows) return;  // the batch has its rows: counted, not kept
        std::lock_guard<std::mutex> lock(mu_);
        if (rows_.size() < limits_.request_rows) rows_.push_back(request->entry);
        return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    if (const auto* fault = std::get_if<FaultEvent>(&event)) {
        for (auto& f : faults_) {
            if (f.fault_id != fault->fault_id) continue;
            ++f.hits;
            f.action = fault->action;
            f.last_time = fault->time;
            return;
        }
    }
    if (tasks_.size() + deliveries_.size() + faults_.size() >= limits_.other_events) {
        ++lost_;
        return;
    }
    if (const auto* task = std::get_if<TaskEvent>(&event)) {
        tasks_.push_back(*task);
    } else if (const auto* delivery = std::get_if<DeliveryEvent>(&event)) {
        deliveries_.push_back(delivery->attempt);
    } else if (const auto* fault = std::get_if<FaultEvent>(&event)) {
        faults_.push_back({fault->fault_id, faults::type_name(fault->type), fault->action, 1, fault->time});
    }
}

FeedBatch LiveFeed::take(std::int64_t wait_ms) {
    FeedBatch batch;
    std::unique_lock<std::mutex> lock(mu_);
    if (wait_ms > 0 && !closed_)
        closed_cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), [this] { return closed_; });
    batch.closed = closed_;
    batch.requests.swap(rows_);
    rows_.reserve(limits_.request_rows);
    // A publisher counted before this exchange may add its row just after it: the row then opens the next
    // batch (whose count will not include it), so the counts are kept consistent with the rows handed over.
    batch.requests_seen =
        std::max<std::uint64_t>(requests_seen_.exchange(0, std::memory_order_relaxed), batch.requests.size());
    batch.requests_skipped = batch.requests_seen - batch.requests.size();
    batch.throttled_seen = throttled_seen_.exchange(0, std::memory_order_relaxed);
    batch.tasks.swap(tasks_);
    batch.deliveries.swap(deliveries_);
    batch.faults.swap(faults_);
    batch.lost = lost_;
    lost_ = 0;
    return batch;
}

void LiveFeed::close() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
        closed_flag_.store(true, std::memory_order_release);
    }
    closed_cv_.notify_all();
}

bool LiveFeed::closed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return closed_;
}

}  // namespace rtc::events
