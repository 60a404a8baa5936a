// The signature of a callback the service sends (docs/service-facts.md §5): lowercase hex sha256 of the
// byte-order sorted values [EventType, EventData, EventTime, EventId, AppId, Version, Nonce, SecretKey],
// concatenated without separator. Plain sha256, not HMAC. Used by the dispatcher, the conformance harness and
// the tests.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace rtc::callbacks {

struct CallbackEnvelope {
    std::string event_type;
    std::string event_data;  // a JSON document, as a string
    std::string event_time;  // RFC 3339 UTC
    std::string event_id;
    std::string app_id;
    std::string version = "2020-12-01";
    std::string nonce;  // 4 characters
    std::string signature;

    nlohmann::json to_json() const;
    // Parses a received body; false (and `error`) when a field is missing or not a string.
    static bool from_json(const std::string& body, CallbackEnvelope& out, std::string& error);
};

std::string callback_signature(const CallbackEnvelope& e, const std::string& secret_key);
bool verify_callback_signature(const CallbackEnvelope& e, const std::string& secret_key);

}  // namespace rtc::callbacks
