// The whole state as one JSON document (GET /_mock/state/export, POST /_mock/state/import), the same for
// every engine, so a scenario is saved and loaded again, or moved from the memory engine to Redis and back:
//
//   {"Format": "rtc-mock-state/1", "Engine": "memory", "ExportedAtMs": ...,
//    "Apps": [...], "CallbackSettings": [...],
//    "WebcastTasks": [{"Task": {...}, "Timers": {"MaxRunningTime": ms, ...}}],
//    "WbRecordTasks": [...], "Faults": [...]}
//
// Tasks keep their records and armed timers (absolute instants); fault rules keep what is left of their count
// and time. History is not state: the request journal, callback attempts and rate-limit windows are not in
// it, and an import starts them empty (docs/admin-api.md).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc {
class ServiceParts;
}

namespace rtc::admin {

inline constexpr const char* kStateFormat = "rtc-mock-state/1";

nlohmann::json export_state(ServiceParts& parts);
// Replaces the whole state by the document's (a reset first); nullopt on success, else what is wrong with the
// document, and then nothing changed.
std::optional<std::string> import_state(ServiceParts& parts, const nlohmann::json& doc);

}  // namespace rtc::admin
