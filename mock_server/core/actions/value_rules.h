// The checks of one value the validator applies: an ID pattern (compiled once per thread; the declarations'
// character class with a repeat count runs as a byte table), a length in UTF-8 code points, and a query
// string's strict integer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rtc::validation {

// `s` matches `pattern` whole (a regex of the declarations, spec::Field::pattern).
bool matches_pattern(const std::string& pattern, std::string_view s);
std::size_t utf8_length(std::string_view s);
// A whole decimal integer that fits a long long, with an optional '-': nothing else, no spaces.
bool strict_integer(std::string_view s, long long& out);

}  // namespace rtc::validation
