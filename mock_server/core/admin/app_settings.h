// `PUT /_mock/apps/{AppId}`: a change of an app's console settings at run time, checked field by field.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.h"

namespace rtc {

class Console;
namespace callbacks {
class CallbackStore;
struct CallbackSetting;
}  // namespace callbacks

// An app as the admin API shows it, with its default callback (the secret masked).
nlohmann::json app_json(const App& app, const callbacks::CallbackStore& callbacks);
// A callback setting as the admin API shows it; `show_secret` false masks the secret key.
nlohmann::json callback_json(const callbacks::CallbackSetting& setting, bool show_secret);

struct AppChange {
    int status = 200;   // 200 changed, 201 created, 400 bad input, 404 unknown app
    std::string error;  // when status >= 400
    std::optional<App> app;
};

// Applies a subset of {VodEnabled, CloudRecordingEnabled, WhiteboardRecordMode, AccountId, Callback} to the
// app (Callback: its default callback setting, null removes it). An unknown app is created when the body
// names an existing AccountId (404 otherwise).
AppChange change_app(Console& console, callbacks::CallbackStore& callbacks, const Config& config,
                     const std::string& app_id, const nlohmann::json& body, TimeMs now);

}  // namespace rtc
