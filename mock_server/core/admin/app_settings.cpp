#include "core/admin/app_settings.h"

#include "core/callbacks/settings.h"
#include "core/config_reader.h"

namespace rtc::admin {

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

AppChange change_app(state::Apps& apps, state::CallbackSettings& callbacks,
                     const std::vector<Account>& accounts, const std::string& app_id,
                     const nlohmann::json& body, TimeMs now) {
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
        if (!a.is_string() || !find_account(accounts, a.get<std::string>()))
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
    std::optional<App> current = apps.find(app_id);
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
    apps.put(app);
    if (body.contains("Callback")) {
        if (callback)
            callbacks.put(app_id, "", *callback, now);
        else
            callbacks.remove(app_id, "");
    }
    out.app = app;
    return out;
}

}  // namespace rtc::admin
