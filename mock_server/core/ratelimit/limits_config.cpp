// Checks the names in RateLimits against the accounts and the declared actions: a misspelt name
// (GetWebcastTask for GetWebCastTask, an account id with a digit missing) would otherwise be an override that
// silently never applies.
#include "core/actions/spec.h"
#include "core/config_reader.h"
#include "core/ratelimit/limiter.h"

namespace rtc {

namespace {
void check_action(const Config& cfg, const std::string& field, const std::string& action, bool star_allowed) {
    spec::check_declared_action(cfg.file, field, action, star_allowed);
}
}  // namespace

void check_rate_limit_names(const Config& cfg) {
    for (const auto& [action, limit] : cfg.rate_limits.actions) {
        (void)limit;
        check_action(cfg, "RateLimits.Actions." + action, action, false);
    }
    for (const auto& [account, per] : cfg.rate_limits.accounts) {
        if (!cfg.account_by_id(account))
            throw ConfigError(cfg.file, "RateLimits.Accounts." + account,
                              "is not the AccountId of an account");
        for (const auto& [action, limit] : per) {
            (void)limit;
            check_action(cfg, "RateLimits.Accounts." + account + "." + action, action, true);
        }
    }
}

}  // namespace rtc
