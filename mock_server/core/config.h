// The configuration file: the fixture (accounts, credentials, apps and their console state) and every
// setting where the mock's behaviour is a *choice* (docs/service-facts.md marks each and names its setting).
// Each section is its module's settings (data only, parsed by that module's settings.cpp); this file gathers
// them. Checks that need the served actions run after parsing, in check_config (core/config_check.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/actions/settings.h"
#include "core/callbacks/settings.h"
#include "core/console/settings.h"
#include "core/errors_settings.h"
#include "core/journal/settings.h"
#include "core/limits_settings.h"
#include "core/pages_settings.h"
#include "core/ratelimit/settings.h"
#include "core/signing/settings.h"
#include "core/state/settings.h"
#include "core/tasks_settings.h"
#include "core/webcast/settings.h"

namespace rtc {

struct Config {
    std::string file;  // where it was loaded from (for messages)
    ServiceIdentity identity;
    SignatureConfig signature;
    ErrorsConfig errors;
    ServerLimits limits;
    RateLimitConfig rate_limits;
    JournalConfig journal;
    CallbackSettings callbacks;
    TaskSettings tasks;
    ValidationSettings validation;
    ActionSettings actions;
    webcast::LifecycleSettings lifecycle;
    std::vector<webcast::Timeline> timelines;
    PagesSettings pages;
    StateSettings state;
    std::vector<Account> accounts;
    std::vector<TemporaryCredential> temporary_credentials;
    std::vector<App> apps;
    std::vector<CallbackFixture> app_callbacks;

    const Account* account_by_id(const std::string& id) const { return find_account(accounts, id); }
    const App* app_by_id(const std::string& id) const;
};

// Throws ConfigError ("file: field: problem").
Config load_config_file(const std::string& path);
Config parse_config(const nlohmann::json& doc, const std::string& file_name);

}  // namespace rtc
