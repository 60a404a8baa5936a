// The console's records as JSON, as the Redis engine stores them (and the state export writes them): an app
// and a callback setting. Every field round-trips; decode throws std::invalid_argument naming a bad field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/models/app.h"
#include "core/models/callbacks.h"

namespace rtc::state::codec {

nlohmann::json encode(const App& app);
App decode_app(const nlohmann::json& j);

nlohmann::json encode(const callbacks::CallbackSetting& setting);
callbacks::CallbackSetting decode_callback_setting(const nlohmann::json& j);

}  // namespace rtc::state::codec
