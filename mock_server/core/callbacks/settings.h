// Settings of the callbacks (config section `Callbacks`: timing, retries, envelope values and the choices of
// the callback actions). Data only; parse_app_callback reads a callback setting (`Apps[].Callback` of the
// fixture, the admin API's bodies).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/models/callbacks.h"

namespace rtc {

class ConfigField;

struct CallbackSettings {
    std::int64_t timeout_ms = 5000;
    std::vector<std::int64_t> retry_delays_ms = {1000, 2000};
    std::string event_type = "WebcastStatusChanged";
    std::string version = "2020-12-01";
    int end_status = 2;
    std::size_t max_concurrent_sends = 512;  // the dispatcher's worker cap (workers come and go with load)
    std::size_t journal_capacity = 10000;    // delivery attempts kept for GET /_mock/callbacks
    std::int64_t shutdown_flush_ms = 3000;   // how long shutdown waits for deliveries in flight
    bool tls_verify = false;  // check HTTPS receivers' certificates (off: self-signed dev certs)
    // The callback actions (docs/service-facts.md §5, choices where nothing is published):
    // UpdateCallback: "" and null leave a field as it was (true) or the setting is replaced whole (false).
    bool update_empty_means_unchanged = true;
    // The string Result of CreateCallback, UpdateCallback and DeleteCallback.
    std::string changed_result = "ok";
    // GetCallback's Result also carries the first setting's scalar fields at its top level (the Go model
    // declares them there, as strings) and its event list as `EventNames` (the mock's earlier shape).
    bool get_callback_top_level = true;
};

void parse_callback_settings(const ConfigField& f, CallbackSettings& out);
// {"URL", "SecretKey", "Events"}: a fixture's `Apps[].Callback`, and the admin API's callback bodies.
AppCallback parse_app_callback(const ConfigField& f);

}  // namespace rtc
