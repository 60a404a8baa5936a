#include "core/clock.h"

#include "core/enum_names.h"

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

namespace {
constexpr EnumName<ClockKind> kClockKinds[] = {{ClockKind::Real, "real"}, {ClockKind::Virtual, "virtual"}};
}  // namespace

const char* to_string(ClockKind kind) {
    return name_of(kClockKinds, kind);
}

std::optional<ClockKind> clock_kind_from(std::string_view name) {
    return value_of(kClockKinds, name);
}

std::shared_ptr<Clock> make_clock(ClockKind kind) {
    if (kind == ClockKind::Virtual) return std::make_shared<VirtualClock>(system_now_ms());
    return std::make_shared<RealClock>();
}

TimeMs RealClock::now_ms() const {
    return system_now_ms() + offset_ms_.load(std::memory_order_relaxed);
}

}  // namespace rtc
