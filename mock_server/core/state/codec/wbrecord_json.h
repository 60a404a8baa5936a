// A whiteboard recording task record (core/models/wbrecord.h) as JSON, every field: how the Redis engine
// stores it and how the state's export and import carry it. decode_* throws std::invalid_argument naming the
// bad field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/models/wbrecord.h"

namespace rtc::state::codec {

nlohmann::json encode(const wbrecord::WbRecordSpec& spec);
wbrecord::WbRecordSpec decode_wbrecord_spec(const nlohmann::json& j);

nlohmann::json encode(const wbrecord::WbRecordTask& task);
wbrecord::WbRecordTask decode_wbrecord_task(const nlohmann::json& j);

}  // namespace rtc::state::codec
