#include "core/clock.h"

#include <chrono>

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
    TimerId id = next_id_++;
    timers_.emplace(std::make_pair(when, id), std::move(task));
    index_[id] = when;
    cv_.notify_all();
    return id;
}

void Scheduler::cancel(TimerId id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = index_.find(id);
    if (it == index_.end()) return;
    timers_.erase(std::make_pair(it->second, id));
    index_.erase(it);
}

void Scheduler::cancel_all() {
    std::lock_guard<std::mutex> lock(mu_);
    timers_.clear();
    index_.clear();
}

std::size_t Scheduler::pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return timers_.size();
}

bool Scheduler::pop_due(TimeMs limit, Task& out) {
    std::lock_guard<std::mutex> lock(mu_);
    if (timers_.empty()) return false;
    auto it = timers_.begin();
    if (it->first.first > limit) return false;
    out = std::move(it->second);
    index_.erase(it->first.second);
    timers_.erase(it);
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
            if (timers_.empty() || timers_.begin()->first.first > target) break;
            next = timers_.begin()->first.first;
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
        if (timers_.empty()) {
            cv_.wait(lock);
            continue;
        }
        TimeMs wait = timers_.begin()->first.first - clock_->now_ms();
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
