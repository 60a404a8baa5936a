#include "core/clock.h"

#include <algorithm>
#include <chrono>
#include <functional>

namespace rtc {

TimeMs system_now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t steady_now_ns() {
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

TimeMs RealClock::now_ms() const {
    return system_now_ms() + offset_ms_.load(std::memory_order_relaxed);
}

Scheduler::Scheduler(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {}

Scheduler::~Scheduler() {
    stop();
}

Scheduler::TimerId Scheduler::at(TimeMs when, Task task) {
    std::lock_guard<std::mutex> lock(mu_);
    TimeMs first = 0;
    const bool had = earliest(first);
    const TimerId id = next_id_++;
    tasks_.emplace(id, std::move(task));
    heap_.push_back({when, id});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<Slot>());
    // The real-time thread sleeps until the earliest timer: wake it only when this one comes before.
    if (!had || when < first) cv_.notify_all();
    return id;
}

void Scheduler::cancel(TimerId id) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!tasks_.erase(id)) return;
    // Cancelled slots wait for the top; when they outnumber the live ones, drop them all at once (memory
    // stays proportional to the live timers, at an amortised constant cost per cancel).
    if (heap_.size() > 2 * tasks_.size() + 1024) {
        heap_.erase(
            std::remove_if(heap_.begin(), heap_.end(), [this](const Slot& s) { return !tasks_.count(s.id); }),
            heap_.end());
        std::make_heap(heap_.begin(), heap_.end(), std::greater<Slot>());
    }
}

void Scheduler::cancel_all() {
    std::lock_guard<std::mutex> lock(mu_);
    heap_.clear();
    tasks_.clear();
}

std::size_t Scheduler::pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return tasks_.size();
}

bool Scheduler::earliest(TimeMs& when) {
    while (!heap_.empty() && !tasks_.count(heap_.front().id)) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<Slot>());
        heap_.pop_back();
    }
    if (heap_.empty()) return false;
    when = heap_.front().when;
    return true;
}

bool Scheduler::pop_due(TimeMs limit, Task& out) {
    std::lock_guard<std::mutex> lock(mu_);
    TimeMs first;
    if (!earliest(first) || first > limit) return false;
    const TimerId id = heap_.front().id;
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<Slot>());
    heap_.pop_back();
    auto it = tasks_.find(id);
    out = std::move(it->second);
    tasks_.erase(it);
    return true;
}

void Scheduler::advance(TimeMs delta) {
    std::lock_guard<std::mutex> serial(advance_mu_);
    const TimeMs target = clock_->now_ms() + (delta > 0 ? delta : 0);
    auto* vclock = dynamic_cast<VirtualClock*>(clock_.get());
    if (!vclock) {
        clock_->advance_ms(delta);
        run_due();
        cv_.notify_all();
        return;
    }
    for (;;) {
        TimeMs next;
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (!earliest(next) || next > target) break;
        }
        // Stand the clock at the timer's own instant, so what it records carries the right time.
        if (next > vclock->now_ms()) vclock->set_ms(next);
        Task task;
        while (pop_due(vclock->now_ms(), task)) task();
    }
    vclock->set_ms(target);
}

void Scheduler::run_due() {
    Task task;
    while (pop_due(clock_->now_ms(), task)) task();
}

void Scheduler::start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (clock_->is_virtual() || running_) return;
    running_ = true;
    thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!running_) return;
        running_ = false;
        cv_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (running_) {
        TimeMs first;
        if (!earliest(first)) {
            cv_.wait(lock);
            continue;
        }
        TimeMs wait = first - clock_->now_ms();
        if (wait > 0) {
            // Bounded wait: an advance() offset may bring a timer due earlier than planned.
            cv_.wait_for(lock, std::chrono::milliseconds(wait < 1000 ? wait : 1000));
            continue;
        }
        lock.unlock();
        run_due();
        lock.lock();
    }
}

}  // namespace rtc
