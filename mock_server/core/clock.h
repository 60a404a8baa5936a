// The one source of time. Nothing else in the project reads the system clock: the real clock, the virtual
// clock of tests and `--clock virtual`, and the pump of due events (core/due_pump.h) all go through here.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

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

// Which clock a mock runs on (--clock): the real one, or one that moves only when told to.
enum class ClockKind { Real, Virtual };
const char* to_string(ClockKind kind);
std::optional<ClockKind> clock_kind_from(std::string_view name);
// That clock; a virtual one starts at the real time of start-up (so freshly signed requests pass X-Date).
std::shared_ptr<Clock> make_clock(ClockKind kind);

// The system clock, read once at start-up to seed the virtual clock. The only other caller of now().
TimeMs system_now_ms();
// A monotonic reading in nanoseconds, for measuring latency only (never for business time).
std::int64_t steady_now_ns();

}  // namespace rtc
