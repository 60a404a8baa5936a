// The documents of the admin API: tasks, apps and their callback settings, the state dump, the journal page
// and the Prometheus text. Built here, in the core, so the in-process admin and the HTTP routes answer the
// same bytes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/journal/journal.h"
#include "core/models/app.h"
#include "core/models/callbacks.h"

namespace rtc {
class ServiceParts;
namespace state {
class CallbackSettings;
}
}  // namespace rtc

namespace rtc::admin {

// {"Webcast":[...], "WBRecord":[...]}: one array per task kind (task_kinds.h).
nlohmann::json tasks_json(ServiceParts& parts);
// Apps, tasks, faults, clock, journal size and limiter configuration.
nlohmann::json state_json(ServiceParts& parts);
// {"Requests":[...], "Total":N, "Capacity":N, "Dropped":N}
nlohmann::json journal_page_json(const JournalPage& page);
// An app as the admin API shows it, with its default callback ("Callback") and every callback setting it
// has, by BusinessId ("Callbacks"), the secrets masked.
nlohmann::json app_json(const App& app, const state::CallbackSettings& callbacks);
// A callback setting as the admin API shows it; `show_secret` false masks the secret key.
nlohmann::json callback_json(const callbacks::CallbackSetting& setting, bool show_secret);
// Prometheus text exposition format 0.0.4.
std::string metrics_text(ServiceParts& parts);
// The Content-Type of metrics_text.
extern const char* const kPrometheusContentType;

}  // namespace rtc::admin
