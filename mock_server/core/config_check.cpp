#include "core/config_check.h"

#include "core/actions/registry.h"
#include "core/config.h"
#include "core/config_reader.h"

namespace rtc {

namespace {

void check_action(const Config& cfg, const ActionRegistry& actions, const std::string& field,
                  const std::string& action, bool star_allowed) {
    if (star_allowed && action == "*") return;
    if (actions.has_action(action)) return;
    std::string known;
    for (const auto& d : actions.all()) known += (known.empty() ? "" : ", ") + d.name();
    throw ConfigError(cfg.file, field,
                      "is not a declared action (" + known + (star_allowed ? ", or \"*\")" : ")"));
}

}  // namespace

void check_config(const Config& cfg, const ActionRegistry& actions) {
    for (const auto& [action, limit] : cfg.rate_limits.actions) {
        (void)limit;
        check_action(cfg, actions, "RateLimits.Actions." + action, action, false);
    }
    for (const auto& [account, per] : cfg.rate_limits.accounts)
        for (const auto& [action, limit] : per) {
            (void)limit;
            check_action(cfg, actions, "RateLimits.Accounts." + account + "." + action, action, true);
        }
    for (const auto& [action, versions] : cfg.actions.versions) {
        (void)versions;
        check_action(cfg, actions, "Actions.Versions." + action, action, false);
    }
}

}  // namespace rtc
