#include "core/due_pump.h"

#include "core/state/unavailable.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace rtc {

namespace {
constexpr TimeMs kNever = std::numeric_limits<TimeMs>::max();
}

DuePump::DuePump(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {}

DuePump::~DuePump() {
    stop();
}

void DuePump::add(state::DueSource& source) {
    sources_.push_back(&source);
}

std::optional<TimeMs> DuePump::earliest() const {
    std::optional<TimeMs> first;
    for (const auto* s : sources_)
        if (auto t = s->next_due(); t && (!first || *t < *first)) first = t;
    return first;
}

std::size_t DuePump::run_at(TimeMs now) {
    std::size_t ran = 0;
    for (auto* s : sources_) ran += s->run_due(now);
    return ran;
}

void DuePump::advance(TimeMs delta) {
    std::lock_guard<std::mutex> serial(run_mu_);
    const TimeMs target = clock_->now_ms() + (delta > 0 ? delta : 0);
    auto* vclock = dynamic_cast<VirtualClock*>(clock_.get());
    if (!vclock) {
        clock_->advance_ms(delta);
        run_at(clock_->now_ms());
        cv_.notify_all();
        return;
    }
    for (;;) {
        auto next = earliest();
        if (!next || *next > target) break;
        // Stand the clock at the event's own instant, so what it records carries the right time.
        if (*next > vclock->now_ms()) vclock->set_ms(*next);
        // A source that runs nothing of what is due (stopped, or due events another process holds) must
        // not keep the clock standing here.
        if (run_at(vclock->now_ms()) == 0 && earliest() == next) break;
    }
    vclock->set_ms(target);
}

void DuePump::run_due() {
    std::lock_guard<std::mutex> serial(run_mu_);
    run_at(clock_->now_ms());
}

std::size_t DuePump::pending() const {
    std::size_t n = 0;
    for (const auto* s : sources_) n += s->pending();
    return n;
}

void DuePump::due_at(TimeMs when) {
    if (when >= sleeping_until_.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
    cv_.notify_all();
}

void DuePump::start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (clock_->is_virtual() || running_) return;
    running_ = true;
    thread_ = std::thread([this] { loop(); });
}

void DuePump::stop() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!running_) return;
        running_ = false;
        cv_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

void DuePump::loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (running_) {
        // "Asleep until never" while the sources are read: an event armed meanwhile sets woken_.
        woken_ = false;
        sleeping_until_.store(kNever, std::memory_order_release);
        lock.unlock();
        TimeMs first = kNever;  // the earliest due event, kNever when none (or the engine is down)
        TimeMs now = 0;
        try {
            if (auto t = earliest()) first = *t;
            now = clock_->now_ms();
            if (first != kNever && first <= now) {
                {
                    std::lock_guard<std::mutex> serial(run_mu_);
                    run_at(clock_->now_ms());
                }
                lock.lock();
                continue;
            }
        } catch (const state::Unavailable&) {
            // A shared engine is down: its events wait there, nothing is lost; look again after a poll.
            first = kNever;
            now = clock_->now_ms();
        }
        lock.lock();
        if (!running_) break;
        if (woken_) continue;
        sleeping_until_.store(first, std::memory_order_release);
        // Bounded: an advance() offset may bring an event due earlier than planned, and a shared engine's
        // events may be armed by another process: look again after a poll at most.
        const TimeMs longest = poll_ms_.load(std::memory_order_relaxed);
        const TimeMs wait = first != kNever ? std::min<TimeMs>(first - now, longest) : longest;
        cv_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return woken_ || !running_; });
    }
}

}  // namespace rtc
