#include "core/webcast/responses.h"

#include "core/actions/action_input.h"
#include "core/service.h"

namespace rtc::webcast {

namespace {

using nlohmann::json;

TaskKey key_from(const json& p) {
    return TaskKey{p.at("AppId").get<std::string>(), p.at("RoomId").get<std::string>(),
                   p.at("TaskId").get<std::string>()};
}

ActionResult not_found(const TaskKey& key, const std::string& what) {
    return ActionResult::failure("ActiveTaskNotFound", "no Webcast task AppId=" + key.app_id +
                                                           " RoomId=" + key.room_id +
                                                           " TaskId=" + key.task_id + " " + what);
}

// Reads the parameters and checks the app; on success `params` holds the normalised request.
std::optional<ActionResult> admit(ActionContext& ctx, const char* action, json& params) {
    validation::Outcome in = read_params(ctx, declared(action));
    if (!in.ok()) return ActionResult::failure(in.error->reason, in.error->message);
    AppAccess access = check_app_access(ctx, in.value.at("AppId").get<std::string>());
    if (!access.app) return access.failure;
    params = std::move(in.value);
    return std::nullopt;
}

}  // namespace

WebcastSpec spec_from_params(const json& p) {
    WebcastSpec s;
    s.app_id = p.at("AppId").get<std::string>();
    s.room_id = p.at("RoomId").get<std::string>();
    s.task_id = p.at("TaskId").get<std::string>();
    s.user_id = p.at("UserId").get<std::string>();
    s.business_id = p.value("BusinessId", "");
    s.source_url = p.at("SourceURL").get<std::string>();
    for (const auto& v : p.at("VideoSolutions")) {
        VideoSolution vs;
        vs.width = v.at("Width").get<int>();
        vs.height = v.at("Height").get<int>();
        vs.frame_rate = v.at("FrameRate").get<int>();
        vs.bitrate = v.at("Bitrate").get<int>();
        s.video_solutions.push_back(vs);
    }
    s.max_running_time = p.at("MaxRunningTime").get<int>();
    const json& m = p.at("MonitorConfig");
    s.monitor.freeze_check_interval = m.at("FreezeCheckInterval").get<int>();
    s.monitor.blank_check_interval = m.at("BlankCheckInterval").get<int>();
    s.monitor.crash_check_interval = m.at("CrashCheckInterval").get<int>();
    const json& e = p.at("EventNotifyConfig");
    s.event_notify.enable_event_notify = e.at("EnableEventNotify").get<bool>();
    s.event_notify.start_timeout = e.at("StartTimeout").get<int>();
    return s;
}

json webcast_task_json(const WebcastTask& t) {
    json solutions = json::array();
    for (const auto& v : t.spec.video_solutions)
        solutions.push_back(
            {{"Width", v.width}, {"Height", v.height}, {"FrameRate", v.frame_rate}, {"Bitrate", v.bitrate}});
    return json{
        {"StartTime", t.start_time},
        {"EndTime", t.end_time},
        {"Status", static_cast<int>(t.status)},
        {"StopReason", t.stop_reason},
        {"UserId", t.spec.user_id},
        {"SourceURL", t.spec.source_url},
        {"MaxRunningTime", t.spec.max_running_time},
        {"VideoSolutions", solutions},
        {"EventNotifyConfig",
         {{"EnableEventNotify", t.spec.event_notify.enable_event_notify},
          {"StartTimeout", t.spec.event_notify.start_timeout}}},
        {"MonitorConfig",
         {{"FreezeCheckInterval", t.spec.monitor.freeze_check_interval},
          {"BlankCheckInterval", t.spec.monitor.blank_check_interval},
          {"CrashCheckInterval", t.spec.monitor.crash_check_interval}}},
    };
}

ActionResult start_webcast(ActionContext& ctx) {
    json params;
    if (auto failed = admit(ctx, "StartWebcast", params)) return *failed;
    const Config& cfg = ctx.service.config();
    WebcastSpec spec = spec_from_params(params);
    WebcastStore& store = ctx.service.webcasts();
    if (!cfg.tasks.restart_ended_tasks) {
        auto existing = store.get(key_of(spec));
        if (existing && !existing->running())
            return ActionResult::failure("TaskAlreadyExists", "the Webcast task " + key_of(spec).str() +
                                                                  " has ended and cannot be started again");
    }
    WebcastStore::StartResult started = store.start(spec, ctx.principal.account_id, ctx.now);
    if (!started.created) return ActionResult::success(cfg.tasks.already_started_result);
    ctx.service.lifecycle().on_started(started.task);
    return ActionResult::success();
}

ActionResult stop_webcast(ActionContext& ctx) {
    json params;
    if (auto failed = admit(ctx, "StopWebcast", params)) return *failed;
    const TaskKey key = key_from(params);
    bool stopped = false;
    auto task = ctx.service.webcasts().update(key, [&](WebcastTask& t) {
        if (!t.running()) return;
        t.status = TaskStatus::Ended;
        t.end_time = ctx.now;
        t.stop_reason = "StopByAPI";
        stopped = true;
    });
    if (!task || !stopped) return not_found(key, "is running");
    ctx.service.lifecycle().on_stopped(*task);
    return ActionResult::success();
}

ActionResult get_webcast_task(ActionContext& ctx) {
    json params;
    if (auto failed = admit(ctx, "GetWebCastTask", params)) return *failed;
    const TaskKey key = key_from(params);
    const TimeMs window = ctx.service.config().tasks.query_window_hours * 3600 * 1000;
    auto task = ctx.service.webcasts().get(key);
    if (!task || ctx.now - task->start_time > window)
        return not_found(key, "was started in the last " +
                                  std::to_string(ctx.service.config().tasks.query_window_hours) + " hours");
    return ActionResult::success(json{{"WebCastTask", webcast_task_json(*task)}});
}

}  // namespace rtc::webcast
