#include "core/callbacks/callback_signature.h"

#include <algorithm>
#include <vector>

#include "core/crypto.h"

namespace rtc::callbacks {

nlohmann::json CallbackEnvelope::to_json() const {
    return nlohmann::json{{"EventType", event_type}, {"EventData", event_data}, {"EventTime", event_time},
                          {"EventId", event_id},     {"AppId", app_id},         {"Version", version},
                          {"Nonce", nonce},          {"Signature", signature}};
}

bool CallbackEnvelope::from_json(const std::string& body, CallbackEnvelope& out, std::string& error) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "the body is not a JSON object";
        return false;
    }
    struct Field {
        const char* name;
        std::string* target;
    } fields[] = {{"EventType", &out.event_type}, {"EventData", &out.event_data},
                  {"EventTime", &out.event_time}, {"EventId", &out.event_id},
                  {"AppId", &out.app_id},         {"Version", &out.version},
                  {"Nonce", &out.nonce},          {"Signature", &out.signature}};
    for (const auto& f : fields) {
        auto it = j.find(f.name);
        if (it == j.end() || !it->is_string()) {
            error = std::string(f.name) + " is missing or not a string";
            return false;
        }
        *f.target = it->get<std::string>();
    }
    return true;
}

std::string callback_signature(const CallbackEnvelope& e, const std::string& secret_key) {
    std::vector<std::string> parts = {e.event_type, e.event_data, e.event_time, e.event_id,
                                      e.app_id,     e.version,    e.nonce,      secret_key};
    std::sort(parts.begin(), parts.end());
    std::string joined;
    for (const auto& p : parts) joined += p;
    return sha256_hex(joined);
}

bool verify_callback_signature(const CallbackEnvelope& e, const std::string& secret_key) {
    return constant_time_equals(callback_signature(e, secret_key), e.signature);
}

}  // namespace rtc::callbacks
