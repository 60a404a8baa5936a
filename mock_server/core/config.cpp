#include "core/config.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/config_reader.h"

namespace rtc {

namespace {

// RateLimits.Accounts names accounts of the fixture (an id with a digit missing would be an override that
// silently never applies). Its action names are checked against the served actions by check_config.
void check_rate_limit_accounts(const Config& cfg) {
    for (const auto& [account, per] : cfg.rate_limits.accounts) {
        (void)per;
        if (!cfg.account_by_id(account))
            throw ConfigError(cfg.file, "RateLimits.Accounts." + account,
                              "is not the AccountId of an account");
    }
}

}  // namespace

const App* Config::app_by_id(const std::string& id) const {
    for (const auto& a : apps)
        if (a.app_id == id) return &a;
    return nullptr;
}

Config parse_config(const nlohmann::json& doc, const std::string& file_name) {
    Config cfg;
    cfg.file = file_name;
    ConfigField root(doc, "", cfg.file);
    root.only_keys({"Description", "Service", "Signature", "Errors", "Limits", "RateLimits", "Journal",
                    "Callbacks", "Tasks", "Validation", "Actions", "Accounts", "TemporaryCredentials", "Apps",
                    "Timelines", "Lifecycle", "Pages", "State"});
    if (root.has("Service")) parse_service_identity(root["Service"], cfg.identity);
    if (root.has("Signature")) parse_signature_settings(root["Signature"], cfg.signature);
    if (root.has("Errors")) parse_errors_settings(root["Errors"], cfg.errors);
    if (root.has("Limits")) parse_limits_settings(root["Limits"], cfg.limits);
    if (root.has("RateLimits")) parse_rate_limit_settings(root["RateLimits"], cfg.rate_limits);
    if (root.has("Journal")) parse_journal_settings(root["Journal"], cfg.journal);
    if (root.has("Callbacks")) parse_callback_settings(root["Callbacks"], cfg.callbacks);
    if (root.has("Tasks")) parse_task_settings(root["Tasks"], cfg.tasks);
    if (root.has("Validation")) parse_validation_settings(root["Validation"], cfg.validation);
    if (root.has("Actions")) parse_action_settings(root["Actions"], cfg.actions);
    if (root.has("Lifecycle")) webcast::parse_lifecycle_settings(root["Lifecycle"], cfg.lifecycle);
    if (root.has("Timelines")) webcast::parse_timelines(root["Timelines"], cfg.timelines);
    if (root.has("Pages")) parse_pages_settings(root["Pages"], cfg.pages);
    if (root.has("State")) parse_state_settings(root["State"], cfg.state);
    parse_accounts(root["Accounts"], cfg.accounts);
    if (root.has("TemporaryCredentials"))
        parse_temporary_credentials(root["TemporaryCredentials"], cfg.accounts, cfg.temporary_credentials);
    if (root.has("Apps")) parse_apps(root["Apps"], cfg.accounts, cfg.apps, cfg.app_callbacks);
    check_rate_limit_accounts(cfg);
    return cfg;
}

Config load_config_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path, "", "cannot open the file");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw ConfigError(path, "", "is not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    return parse_config(doc, path);
}

}  // namespace rtc
