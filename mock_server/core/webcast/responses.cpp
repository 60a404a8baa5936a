#include "core/webcast/responses.h"

#include "core/actions/action_input.h"
#include "core/webcast/task_object.h"

namespace rtc::webcast {

namespace {

using nlohmann::json;

TaskKey key_from(const Params& p) {
    return TaskKey{p.at("AppId").string(), p.at("RoomId").string(), p.at("TaskId").string()};
}

ActionResult not_found(const TaskKey& key, const std::string& what) {
    return ActionResult::failure("ActiveTaskNotFound", "no Webcast task AppId=" + key.app_id +
                                                           " RoomId=" + key.room_id +
                                                           " TaskId=" + key.task_id + " " + what);
}

}  // namespace

WebcastSpec spec_from_params(const Params& p) {
    WebcastSpec s;
    s.app_id = p.at("AppId").string();
    s.room_id = p.at("RoomId").string();
    s.task_id = p.at("TaskId").string();
    s.user_id = p.at("UserId").string();
    s.business_id = p.str_or("BusinessId", "");
    s.source_url = p.at("SourceURL").string();
    const Params::Ref list = p.at("VideoSolutions");
    s.video_solutions.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Params::Ref v = list[i];
        VideoSolution vs;
        vs.width = v.at("Width").int_value();
        vs.height = v.at("Height").int_value();
        vs.frame_rate = v.at("FrameRate").int_value();
        vs.bitrate = v.at("Bitrate").int_value();
        s.video_solutions.push_back(vs);
    }
    s.max_running_time = p.at("MaxRunningTime").int_value();
    const Params::Ref m = p.at("MonitorConfig");
    s.monitor.freeze_check_interval = m.at("FreezeCheckInterval").int_value();
    s.monitor.blank_check_interval = m.at("BlankCheckInterval").int_value();
    s.monitor.crash_check_interval = m.at("CrashCheckInterval").int_value();
    const Params::Ref e = p.at("EventNotifyConfig");
    s.event_notify.enable_event_notify = e.at("EnableEventNotify").boolean();
    s.event_notify.start_timeout = e.at("StartTimeout").int_value();
    return s;
}

ActionResult start_webcast(WebcastBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.apps(), in)) return *failed;
    WebcastSpec spec = spec_from_params(in.params);
    ctx.journal.callback_routed = true;
    ctx.journal.callback_business_id = backend.callback_route(spec.app_id, spec.business_id);
    // Moved: the task takes the strings the spec was read into (the key below is read again, when needed).
    switch (backend.start(std::move(spec), ctx.principal.account_id, ctx.now)) {
        case WebcastBackend::Start::Created:
            return ActionResult::success();
        case WebcastBackend::Start::AlreadyRunning:
            return ActionResult::success(backend.tasks().already_started_result);
        case WebcastBackend::Start::EndedNotRestartable:
            break;
    }
    return ActionResult::failure("TaskAlreadyExists", "the Webcast task " + key_from(in.params).str() +
                                                          " has ended and cannot be started again");
}

ActionResult stop_webcast(WebcastBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.apps(), in)) return *failed;
    const TaskKey key = key_from(in.params);
    if (!backend.stop(key, ctx.now)) return not_found(key, "is running");
    return ActionResult::success();
}

ActionResult get_webcast_task(WebcastBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.apps(), in)) return *failed;
    const TaskKey key = key_from(in.params);
    const std::int64_t hours = backend.tasks().query_window_hours;
    auto task = backend.get(key);
    if (!task || ctx.now - task->start_time > hours * 3600 * 1000)
        return not_found(key, "was started in the last " + std::to_string(hours) + " hours");
    return ActionResult::success_text(webcast_task_result(*task));
}

}  // namespace rtc::webcast
