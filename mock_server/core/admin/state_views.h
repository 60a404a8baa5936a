// What the admin API shows of the service: tasks, the state dump, the journal page and the Prometheus text.
// Built here, in the core, so unit tests read the same documents the HTTP routes send.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/journal/journal.h"

namespace rtc {

class MockService;

// {"Webcast":[...], ...}: one array per task kind.
nlohmann::json tasks_json(MockService& service);
// Apps, tasks, faults, clock, journal size and limiter configuration.
nlohmann::json state_json(MockService& service);
// {"Requests":[...], "Total":N, "Capacity":N, "Dropped":N}
nlohmann::json journal_page_json(const JournalPage& page);
// Prometheus text exposition format 0.0.4.
std::string metrics_text(MockService& service);
// The Content-Type of metrics_text.
extern const char* const kPrometheusContentType;

}  // namespace rtc
