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

Admission RateLimiter::admit(const std::string& account, const std::string& action, int declared_limit,
                             TimeMs now) {
    const int limit = limit_for(account, action, declared_limit);
    if (limit <= 0) return Admission{true, 0, 0};
    // One reused buffer per thread: the hot path allocates nothing once its key exists.
    thread_local std::string key;
    key.assign(account);
    key.push_back('\n');  // neither account ids nor action names contain a newline
    key.append(action);
    return windows_.admit(key, limit, config_.window_ms, now);
}

}  // namespace rtc
