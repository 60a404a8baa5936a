// Documented rate limits, per account and action over any rolling window (API.md section 4).
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/config.h"

namespace rtc {

struct Admission {
    bool admitted = true;
    int limit = 0;                    // the limit in force (0: none)
    std::int64_t retry_after_ms = 0;  // when refused: until a slot frees
};

class RateLimiter {
  public:
    explicit RateLimiter(const RateLimitConfig& config) : config_(config) {}
    // The limit in force for this account and action: the config's overrides, else the declaration.
    int limit_for(const std::string& account, const std::string& action, int declared) const;
    Admission admit(const std::string& account, const std::string& action, int declared_limit, TimeMs now);
    void reset();

  private:
    const RateLimitConfig& config_;
};

}  // namespace rtc
