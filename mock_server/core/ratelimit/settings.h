// Settings of the rate limits (config section `RateLimits`): the documented limits on or off, the window, and
// overrides by action and by account. Data only; the names are checked against the served actions by
// check_config (core/config_check.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace rtc {

class ConfigField;

struct RateLimitConfig {
    bool enabled = true;
    std::int64_t window_ms = 1000;
    std::int64_t min_retry_after_seconds = 1;
    std::map<std::string, int> actions;  // action -> limit (0 = off); overrides the declaration
    // account -> action -> limit ("*" = every action)
    std::map<std::string, std::map<std::string, int>> accounts;
};

void parse_rate_limit_settings(const ConfigField& f, RateLimitConfig& out);

}  // namespace rtc
