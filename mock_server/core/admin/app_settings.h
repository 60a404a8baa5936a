// `PUT /_mock/apps/{AppId}`: a change of an app's console settings at run time, checked field by field.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.h"

namespace rtc {

class Console;

// An app as the admin API shows it (the callback secret masked).
nlohmann::json app_json(const App& app);

struct AppChange {
    int status = 200;   // 200 changed, 201 created, 400 bad input, 404 unknown app
    std::string error;  // when status >= 400
    std::optional<App> app;
};

// Applies a subset of {VodEnabled, CloudRecordingEnabled, WhiteboardRecordMode, AccountId, Callback} to the
// app. An unknown app is created when the body names an existing AccountId (404 otherwise).
AppChange change_app(Console& console, const Config& config, const std::string& app_id,
                     const nlohmann::json& body);

}  // namespace rtc
