#include "core/webcast/responses.h"

#include "core/actions/action_input.h"

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

ActionResult start_webcast(WebcastBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.console(), in)) return *failed;
    const WebcastSpec spec = spec_from_params(in.params);
    auto started = backend.start(spec, ctx.principal.account_id, ctx.now);
    switch (started.outcome) {
        case WebcastBackend::Start::Created:
            return ActionResult::success();
        case WebcastBackend::Start::AlreadyRunning:
            return ActionResult::success(backend.config().tasks.already_started_result);
        case WebcastBackend::Start::EndedNotRestartable:
            break;
    }
    return ActionResult::failure("TaskAlreadyExists", "the Webcast task " + key_of(spec).str() +
                                                          " has ended and cannot be started again");
}

ActionResult stop_webcast(WebcastBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.console(), in)) return *failed;
    const TaskKey key = key_from(in.params);
    if (!backend.stop(key, ctx.now)) return not_found(key, "is running");
    return ActionResult::success();
}

ActionResult get_webcast_task(WebcastBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.console(), in)) return *failed;
    const TaskKey key = key_from(in.params);
    const std::int64_t hours = backend.config().tasks.query_window_hours;
    auto task = backend.get(key);
    if (!task || ctx.now - task->start_time > hours * 3600 * 1000)
        return not_found(key, "was started in the last " + std::to_string(hours) + " hours");
    return ActionResult::success(json{{"WebCastTask", webcast_task_json(*task)}});
}

}  // namespace rtc::webcast
