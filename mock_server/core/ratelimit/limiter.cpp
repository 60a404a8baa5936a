#include "core/ratelimit/limiter.h"

namespace rtc {

int RateLimiter::limit_for(const std::string& account, const std::string& action, int declared) const {
    if (!config_.enabled) return 0;
    auto acc = config_.accounts.find(account);
    if (acc != config_.accounts.end()) {
        auto it = acc->second.find(action);
        if (it != acc->second.end()) return it->second;
        it = acc->second.find("*");
        if (it != acc->second.end()) return it->second;
    }
    auto it = config_.actions.find(action);
    if (it != config_.actions.end()) return it->second;
    return declared;
}

// TODO(issue 5): the rolling-window limiter. Until then every request is admitted.
Admission RateLimiter::admit(const std::string& account, const std::string& action, int declared_limit,
                             TimeMs) {
    return Admission{true, limit_for(account, action, declared_limit), 0};
}

void RateLimiter::reset() {}

}  // namespace rtc
