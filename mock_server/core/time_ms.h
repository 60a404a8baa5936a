// The mock's one unit of time: milliseconds since the Unix epoch. A header of its own so that data-only
// headers (settings, models) can name it without the clock and its timers.
#pragma once

#include <cstdint>

namespace rtc {

using TimeMs = std::int64_t;

}  // namespace rtc
