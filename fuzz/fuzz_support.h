// Shared set-up of the fuzz targets: the default fixture with limits off, on a virtual clock.
#pragma once

#include <memory>
#include <string>

#include "core/config.h"
#include "core/service.h"

namespace rtc::fuzz {

inline Config fuzz_config() {
    Config c = load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
    c.rate_limits.enabled = false;  // throttling would hide the paths behind it
    c.journal.capacity = 64;
    return c;
}

// Takes the first line off `rest` (the inputs are line-structured).
inline std::string next_line(std::string& rest) {
    auto nl = rest.find('\n');
    std::string line = rest.substr(0, nl);
    rest = nl == std::string::npos ? "" : rest.substr(nl + 1);
    return line;
}

// 2024-12-01T00:00:00Z: the time the fuzz inputs sign at.
constexpr TimeMs kFuzzNow = 1733011200000LL;

}  // namespace rtc::fuzz
