#include "core/admin/views.h"

#include "core/admin/task_kinds.h"
#include "core/service_parts.h"

namespace rtc::admin {

nlohmann::json tasks_json(ServiceParts& parts) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& k : task_kinds()) out[k.name] = k.list(parts);
    return out;
}

nlohmann::json state_json(ServiceParts& p) {
    const TimeMs now = p.clock->now_ms();
    nlohmann::json apps = nlohmann::json::array();
    for (const auto& a : p.engine->apps().all()) apps.push_back(app_json(a, p.engine->callback_settings()));
    const RateLimitConfig& rl = p.config.rate_limits;
    nlohmann::json limits = nlohmann::json::object();
    nlohmann::json versions = nlohmann::json::object();
    for (const auto& a : p.actions.all()) {
        limits[a.name()] = p.limiter.limit_for("", a.name(), a.rate_limit());
        versions[a.name()] = a.versions;
    }
    const state::JournalStats journal = p.engine->journal().stats();
    return {{"Clock", {{"NowMs", now}, {"Virtual", p.clock->is_virtual()}}},
            {"StateEngine", p.engine->name()},
            {"Apps", apps},
            {"Tasks", tasks_json(p)},
            {"Faults", p.engine->fault_rules().list(now)},
            {"Journal",
             {{"Size", journal.size},
              {"Capacity", journal.capacity},
              {"Dropped", journal.dropped},
              {"Recorded", journal.recorded}}},
            {"RateLimits",
             {{"Enabled", rl.enabled},
              {"WindowMs", rl.window_ms},
              {"MinRetryAfterSeconds", rl.min_retry_after_seconds},
              {"Actions", limits},
              {"Accounts", rl.accounts}}},
            {"Versions", versions},
            {"PendingTimers", p.pump.pending()}};
}

nlohmann::json journal_page_json(const JournalPage& page) {
    nlohmann::json requests = nlohmann::json::array();
    for (const auto& e : page.entries) requests.push_back(e->to_json());
    return {{"Requests", std::move(requests)},
            {"Total", page.total},
            {"Capacity", page.capacity},
            {"Dropped", page.dropped}};
}

nlohmann::json callback_json(const callbacks::CallbackSetting& s, bool show_secret) {
    return {{"URL", s.callback.url},
            {"SecretKey", show_secret || s.callback.secret_key.empty() ? s.callback.secret_key : "***"},
            {"Events", s.callback.events},
            {"BusinessId", s.business_id}};
}

nlohmann::json app_json(const App& app, const state::CallbackSettings& callbacks) {
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

}  // namespace rtc::admin
