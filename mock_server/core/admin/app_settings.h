// `PUT /_mock/apps/{AppId}`: a change of an app's console settings at run time, checked field by field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/models/app.h"
#include "core/signing/settings.h"
#include "core/state/apps.h"
#include "core/state/callback_settings.h"

namespace rtc::admin {

struct AppChange {
    int status = 200;   // 200 changed, 201 created, 400 bad input, 404 unknown app
    std::string error;  // when status >= 400
    std::optional<App> app;
};

// Applies a subset of {VodEnabled, CloudRecordingEnabled, WhiteboardRecordMode, AccountId, Callback} to the
// app (Callback: its default callback setting, null removes it). An unknown app is created when the body
// names one of `accounts` (404 otherwise).
AppChange change_app(state::Apps& apps, state::CallbackSettings& callbacks,
                     const std::vector<Account>& accounts, const std::string& app_id,
                     const nlohmann::json& body, TimeMs now);

}  // namespace rtc::admin
