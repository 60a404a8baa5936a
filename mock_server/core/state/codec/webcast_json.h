// A Webcast task record (core/models/webcast.h) as JSON, every field: how the Redis engine stores a task and
// how the state's export and import carry it. decode_* throws std::invalid_argument naming the bad field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/models/webcast.h"

namespace rtc::state::codec {

nlohmann::json encode(const webcast::WebcastSpec& spec);
webcast::WebcastSpec decode_webcast_spec(const nlohmann::json& j);

nlohmann::json encode(const webcast::WebcastTask& task);
webcast::WebcastTask decode_webcast_task(const nlohmann::json& j);

// The fields of a task record the engine keeps beside it rather than in it (the Redis engine's hash holds
// them as fields of their own): encode() names them, decode_webcast_task() needs them back.
inline constexpr const char* kGenerationField = "Generation";
inline constexpr const char* kVersionField = "Version";

}  // namespace rtc::state::codec
