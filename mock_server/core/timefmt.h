// Conversions between Unix milliseconds and the textual times of the API (X-Date, RFC 3339).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time_ms.h"

namespace rtc {

// `YYYYMMDDTHHMMSSZ`, rejecting impossible dates (month 13, Feb 30, hour 24).
std::optional<TimeMs> parse_x_date(std::string_view s);
std::string format_x_date(TimeMs t);
// `2024-12-01T00:00:00Z` (fractional seconds and numeric offsets accepted on input).
std::optional<TimeMs> parse_rfc3339(std::string_view s);
std::string format_rfc3339(TimeMs t);

}  // namespace rtc
