#include "core/events/live_feed.h"

#include <chrono>

#include "core/journal/journal.h"

namespace rtc::events {

LiveFeed::LiveFeed(LiveFeedLimits limits) : limits_(limits), ring_(limits.request_rows) {}

void LiveFeed::on_event(const Event& event) {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    if (const auto* request = std::get_if<RequestEvent>(&event)) {
        ++requests_seen_;
        if (request->entry && request->entry->throttled) ++throttled_seen_;
        if (ring_.empty()) return;
        if (ring_size_ == ring_.size()) {
            ring_[ring_head_] = request->entry;  // the oldest row gives way (counted as skipped at take)
            ring_head_ = (ring_head_ + 1) % ring_.size();
        } else {
            ring_[(ring_head_ + ring_size_) % ring_.size()] = request->entry;
            ++ring_size_;
        }
        return;
    }
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
        faults_.push_back({fault->fault_id, fault->type, fault->action, 1, fault->time});
    }
}

FeedBatch LiveFeed::take(std::int64_t wait_ms) {
    FeedBatch batch;
    std::unique_lock<std::mutex> lock(mu_);
    if (wait_ms > 0 && !closed_)
        closed_cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), [this] { return closed_; });
    batch.closed = closed_;
    batch.requests.reserve(ring_size_);
    for (std::size_t i = 0; i < ring_size_; ++i)
        batch.requests.push_back(std::move(ring_[(ring_head_ + i) % ring_.size()]));
    batch.requests_seen = requests_seen_;
    batch.requests_skipped = requests_seen_ - ring_size_;
    batch.throttled_seen = throttled_seen_;
    batch.tasks.swap(tasks_);
    batch.deliveries.swap(deliveries_);
    batch.faults.swap(faults_);
    batch.lost = lost_;
    ring_head_ = ring_size_ = 0;
    requests_seen_ = throttled_seen_ = lost_ = 0;
    return batch;
}

void LiveFeed::close() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
    }
    closed_cv_.notify_all();
}

bool LiveFeed::closed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return closed_;
}

}  // namespace rtc::events
