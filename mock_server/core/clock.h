// The one source of time. Nothing else in the project reads the system clock:
// the real clock, the virtual clock of tests and `--clock virtual`, and timers all go through here.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/time_ms.h"

namespace rtc {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual TimeMs now_ms() const = 0;
    // Moves time forward: the virtual clock jumps, the real clock gains an offset.
    virtual void advance_ms(TimeMs delta) = 0;
    virtual bool is_virtual() const = 0;
};

// Wall-clock time plus an offset that `POST /_mock/clock/advance` can grow.
class RealClock final : public Clock {
  public:
    TimeMs now_ms() const override;
    void advance_ms(TimeMs delta) override { offset_ms_ += delta; }
    bool is_virtual() const override { return false; }
    void reset_offset() { offset_ms_ = 0; }

  private:
    std::atomic<TimeMs> offset_ms_{0};
};

// Time that moves only when told to; starts at a given instant (the real time of start-up by default).
class VirtualClock final : public Clock {
  public:
    explicit VirtualClock(TimeMs start) : now_(start) {}
    TimeMs now_ms() const override { return now_.load(std::memory_order_acquire); }
    void advance_ms(TimeMs delta) override { now_.fetch_add(delta, std::memory_order_acq_rel); }
    bool is_virtual() const override { return true; }
    void set_ms(TimeMs t) { now_.store(t, std::memory_order_release); }

  private:
    std::atomic<TimeMs> now_;
};

// The system clock, read once at start-up to seed the virtual clock. The only other caller of now().
TimeMs system_now_ms();
// A monotonic reading in nanoseconds, for measuring latency only (never for business time).
std::int64_t steady_now_ns();

// Timers on a Clock. With a virtual clock they fire only inside advance(), each at its own instant and in
// order, so a test that advances 60 s sees every 5 s check in sequence. With a real clock a background
// thread fires them when they fall due.
class Scheduler {
  public:
    using TimerId = std::uint64_t;
    using Task = std::function<void()>;

    explicit Scheduler(std::shared_ptr<Clock> clock);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    Clock& clock() const { return *clock_; }
    TimeMs now_ms() const { return clock_->now_ms(); }

    TimerId at(TimeMs when, Task task);
    TimerId after(TimeMs delay, Task task) { return at(now_ms() + delay, std::move(task)); }
    void cancel(TimerId id);
    void cancel_all();
    std::size_t pending() const;

    // Moves the clock forward by `delta`, firing every timer that falls due on the way, in order.
    void advance(TimeMs delta);
    // Fires the timers already due (tests with a real clock, shutdown flush).
    void run_due();
    // Starts the real-time thread (no-op for a virtual clock).
    void start();
    void stop();

  private:
    // A min-heap of (when, id): ids rise, so timers due at the same instant fire in the order they were set.
    // Cancelling forgets the task at once; its heap slot is skipped when it reaches the top.
    struct Slot {
        TimeMs when;
        TimerId id;
        bool operator>(const Slot& o) const { return when != o.when ? when > o.when : id > o.id; }
    };
    bool pop_due(TimeMs limit, Task& out);
    // The earliest live timer's instant (dropping cancelled slots on the way); false when none. Under mu_.
    bool earliest(TimeMs& when);
    void loop();

    std::shared_ptr<Clock> clock_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Slot> heap_;
    std::unordered_map<TimerId, Task> tasks_;
    TimerId next_id_ = 1;
    std::mutex advance_mu_;  // one advance at a time, so timers fire in order
    bool running_ = false;
    std::thread thread_;
};

}  // namespace rtc
