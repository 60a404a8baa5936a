#include "core/state/codec/console_json.h"

#include "core/state/codec/json_fields.h"

namespace rtc::state::codec {

nlohmann::json encode(const App& app) {
    return {{"AppId", app.app_id},
            {"AccountId", app.account_id},
            {"VodEnabled", app.vod_enabled},
            {"CloudRecordingEnabled", app.cloud_recording_enabled},
            {"WhiteboardRecordMode", to_string(app.whiteboard_record_mode)}};
}

App decode_app(const nlohmann::json& j) {
    App a;
    a.app_id = read_string(j, "", "AppId");
    a.account_id = read_string(j, "", "AccountId");
    a.vod_enabled = read_bool(j, "", "VodEnabled");
    a.cloud_recording_enabled = read_bool(j, "", "CloudRecordingEnabled");
    auto mode = whiteboard_mode_from(read_string(j, "", "WhiteboardRecordMode"));
    if (!mode) throw std::invalid_argument("field WhiteboardRecordMode names no mode");
    a.whiteboard_record_mode = *mode;
    return a;
}

// CreatedAt is written as a plain integer: the Redis engine's put keeps a replaced setting's by finding it
// in the stored text (callback_settings.cpp).
nlohmann::json encode(const callbacks::CallbackSetting& s) {
    return {{"AppId", s.app_id},           {"BusinessId", s.business_id},
            {"Url", s.callback.url},       {"SecretKey", s.callback.secret_key},
            {"Events", s.callback.events}, {"CreatedAt", s.created_at},
            {"UpdatedAt", s.updated_at}};
}

callbacks::CallbackSetting decode_callback_setting(const nlohmann::json& j) {
    callbacks::CallbackSetting s;
    s.app_id = read_string(j, "", "AppId");
    s.business_id = read_string(j, "", "BusinessId");
    s.callback.url = read_string(j, "", "Url");
    s.callback.secret_key = read_string(j, "", "SecretKey");
    const auto& events = member(j, "", "Events");
    if (!events.is_array()) throw std::invalid_argument("field Events is not an array");
    for (const auto& e : events) {
        if (!e.is_string()) throw std::invalid_argument("field Events holds a non-string");
        s.callback.events.push_back(e.get<std::string>());
    }
    s.created_at = read_int(j, "", "CreatedAt");
    s.updated_at = read_int(j, "", "UpdatedAt");
    return s;
}

}  // namespace rtc::state::codec
