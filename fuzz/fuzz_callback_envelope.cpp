// Parsing a received callback body and checking its signature: no crash, and a parsed envelope re-signed with
// its own signature verifies.
#include <cstdlib>
#include <string>

#include "core/callbacks/callback_signature.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string body(reinterpret_cast<const char*>(data), size);
    rtc::callbacks::CallbackEnvelope env;
    std::string error;
    if (!rtc::callbacks::CallbackEnvelope::from_json(body, env, error)) {
        if (error.empty()) std::abort();
        return 0;
    }
    (void)rtc::callbacks::verify_callback_signature(env, "secret");
    env.signature = rtc::callbacks::callback_signature(env, "secret");
    if (!rtc::callbacks::verify_callback_signature(env, "secret")) std::abort();
    rtc::callbacks::CallbackEnvelope round;
    if (!rtc::callbacks::CallbackEnvelope::from_json(
            env.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), round, error))
        std::abort();
    return 0;
}
