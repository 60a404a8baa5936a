// Documented rate limits, per account and action over any rolling window (docs/service-facts.md §4): which
// limit is in force (the declaration, or the config's overrides), and the admission itself, exact, against
// the windows the state engine keeps (core/state/rate_windows.h).
#pragma once

#include <string>

#include "core/ratelimit/settings.h"
#include "core/state/rate_windows.h"

namespace rtc {

using state::Admission;

class RateLimiter {
  public:
    RateLimiter(const RateLimitConfig& config, state::RateWindows& windows)
        : config_(config), windows_(windows) {}

    // The limit in force for this account and action: the config's overrides, else the declaration.
    int limit_for(const std::string& account, const std::string& action, int declared) const;
    Admission admit(const std::string& account, const std::string& action, int declared_limit, TimeMs now);

  private:
    const RateLimitConfig& config_;
    state::RateWindows& windows_;
};

}  // namespace rtc
