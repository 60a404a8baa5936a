#include "core/ratelimit/settings.h"

#include "core/config_reader.h"

namespace rtc {

namespace {
constexpr std::int64_t kMaxInt = 2147483647;
}

void parse_rate_limit_settings(const ConfigField& f, RateLimitConfig& out) {
    f.only_keys({"Enabled", "WindowMs", "MinRetryAfterSeconds", "Actions", "Accounts"});
    f.get("Enabled", out.enabled);
    f.get("WindowMs", out.window_ms, 1, 3600000);
    f.get("MinRetryAfterSeconds", out.min_retry_after_seconds, 1, 3600);
    if (f.has("Actions")) {
        auto m = f["Actions"];
        for (const auto& k : m.keys()) out.actions[k] = static_cast<int>(m[k.c_str()].integer(0, kMaxInt));
    }
    if (f.has("Accounts")) {
        auto m = f["Accounts"];
        for (const auto& acc : m.keys()) {
            auto per = m[acc.c_str()];
            for (const auto& k : per.keys())
                out.accounts[acc][k] = static_cast<int>(per[k.c_str()].integer(0, kMaxInt));
        }
    }
}

}  // namespace rtc
