#include "core/admin/app_settings.h"

#include "core/callbacks/store.h"
#include "core/config_reader.h"
#include "core/console/console.h"

namespace rtc {

nlohmann::json callback_json(const callbacks::CallbackSetting& s, bool show_secret) {
    return {{"URL", s.callback.url},
            {"SecretKey", show_secret || s.callback.secret_key.empty() ? s.callback.secret_key : "***"},
            {"Events", s.callback.events},
            {"BusinessId", s.business_id}};
}

nlohmann::json app_json(const App& app, const callbacks::CallbackStore& callbacks) {
    auto cb = callbacks.get(app.app_id, "");
    nlohmann::json all = nlohmann::json::array();
    for (const auto& s : callbacks.of_app(app.app_id)) all.push_back(callback_json(s, false));
    return {{"AppId", app.app_id},
            {"AccountId", app.account_id},
            {"VodEnabled", app.vod_enabled},
            {"CloudRecordingEnabled", app.cloud_recording_enabled},
            {"WhiteboardRecordMode", to_string(app.whiteboard_record_mode)},
            {"Callback", cb ? callback_json(*cb, false) : nlohmann::json(nullptr)},
            {"Callbacks", std::move(all)}};
}

namespace {

const std::string kBody = "body";

bool valid_app_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
              c == '_'))
            return false;
    return true;
}

AppChange bad(int status, std::string error) {
    AppChange c;
    c.status = status;
    c.error = std::move(error);
    return c;
}

}  // namespace

AppChange change_app(Console& console, callbacks::CallbackStore& callbacks, const Config& config,
                     const std::string& app_id, const nlohmann::json& body, TimeMs now) {
    if (!body.is_object()) return bad(400, "the body must be a JSON object");
    static const char* const keys[] = {"VodEnabled", "CloudRecordingEnabled", "WhiteboardRecordMode",
                                       "AccountId", "Callback"};
    for (const auto& item : body.items()) {
        bool ok = false;
        for (const char* k : keys) ok = ok || item.key() == k;
        if (!ok)
            return bad(400,
                       "unknown field " + item.key() +
                           " (fields: VodEnabled, CloudRecordingEnabled, WhiteboardRecordMode, AccountId, "
                           "Callback)");
    }
    for (const char* k : {"VodEnabled", "CloudRecordingEnabled"})
        if (body.contains(k) && !body.at(k).is_boolean())
            return bad(400, std::string(k) + " must be true or false, got " + body.at(k).dump());
    if (body.contains("WhiteboardRecordMode")) {
        const auto& m = body.at("WhiteboardRecordMode");
        if (!m.is_string() || !whiteboard_mode_from(m.get<std::string>()))
            return bad(400,
                       "WhiteboardRecordMode must be \"video\", \"signaling\" or \"none\", got " + m.dump());
    }
    if (body.contains("AccountId")) {
        const auto& a = body.at("AccountId");
        if (!a.is_string() || !config.account_by_id(a.get<std::string>()))
            return bad(400, "AccountId must name an account of the fixture, got " + a.dump());
    }
    std::optional<AppCallback> callback;
    if (body.contains("Callback") && !body.at("Callback").is_null()) {
        try {
            callback = parse_app_callback(ConfigField(body.at("Callback"), "Callback", kBody));
        } catch (const ConfigError& e) {
            return bad(400, e.what());
        }
    }

    AppChange out;
    std::optional<App> current = console.app(app_id);
    App app;
    if (current) {
        app = *current;
    } else {
        if (!body.contains("AccountId"))
            return bad(404, "no app " + app_id + " (give AccountId to create it)");
        if (!valid_app_id(app_id))
            return bad(400, "a new AppId must be 1-64 letters, digits, '-' or '_', got \"" + app_id + "\"");
        app.app_id = app_id;
        out.status = 201;
    }
    if (body.contains("AccountId")) app.account_id = body.at("AccountId").get<std::string>();
    if (body.contains("VodEnabled")) app.vod_enabled = body.at("VodEnabled").get<bool>();
    if (body.contains("CloudRecordingEnabled"))
        app.cloud_recording_enabled = body.at("CloudRecordingEnabled").get<bool>();
    if (body.contains("WhiteboardRecordMode"))
        app.whiteboard_record_mode =
            *whiteboard_mode_from(body.at("WhiteboardRecordMode").get<std::string>());
    console.put(app);
    if (body.contains("Callback")) {
        if (callback)
            callbacks.put(app_id, "", *callback, now);
        else
            callbacks.remove(app_id, "");
    }
    out.app = app;
    return out;
}

}  // namespace rtc
