#include "core/wbrecord/responses.h"

#include "core/actions/action_input.h"
#include "core/service.h"

namespace rtc::wbrecord {

namespace {

using nlohmann::json;

// The seed's prerequisites (前提条件 and 说明), in the order the console sets them up.
std::optional<ActionResult> console_preconditions(const App& app) {
    if (!app.vod_enabled)
        return ActionResult::failure("VodNotEnabled",
                                     "StartWBRecord needs the VOD service, which is not enabled "
                                     "for app " +
                                         app.app_id);
    if (!app.cloud_recording_enabled)
        return ActionResult::failure("RecordNotEnabled",
                                     "cloud recording is not enabled for app " + app.app_id);
    if (app.whiteboard_record_mode == "signaling")
        return ActionResult::failure("WhiteboardSignalingMode",
                                     "the whiteboard recording of app " + app.app_id +
                                         " is configured for signalling-data recording (信令数据录制); "
                                         "StartWBRecord needs video recording mode");
    if (app.whiteboard_record_mode != "video")
        return ActionResult::failure("RecordNotEnabled", "whiteboard recording is not configured for app " +
                                                             app.app_id +
                                                             " (a VOD space in video recording mode)");
    return std::nullopt;
}

WbRecordSpec spec_from(const json& p) {
    WbRecordSpec s;
    s.app_id = p.at("AppId").get<std::string>();
    s.room_id = p.at("RoomId").get<std::string>();
    s.task_id = p.at("TaskId").get<std::string>();
    s.user_id = p.at("UserId").get<std::string>();
    s.business_id = p.value("BusinessId", "");
    s.source_url = p.value("SourceURL", "");
    return s;
}

}  // namespace

ActionResult start_wb_record(ActionContext& ctx) {
    validation::Outcome in = read_params(ctx, declared("StartWBRecord"));
    if (!in.ok()) return ActionResult::failure(in.error->reason, in.error->message);
    AppAccess access = check_app_access(ctx, in.value.at("AppId").get<std::string>());
    if (!access.app) return access.failure;
    if (auto failed = console_preconditions(*access.app)) return *failed;
    const Config& cfg = ctx.service.config();
    WbRecordSpec spec = spec_from(in.value);
    WbRecordStore& store = ctx.service.wbrecords();
    if (!cfg.tasks.restart_ended_tasks) {
        auto existing = store.get(TaskKey{spec.app_id, spec.room_id, spec.task_id});
        if (existing && !existing->running)
            return ActionResult::failure("TaskAlreadyExists", "the whiteboard recording task " +
                                                                  existing->key().str() +
                                                                  " has ended and cannot be started again");
    }
    auto started = store.start(spec, ctx.principal.account_id, ctx.now);
    if (!started.created) return ActionResult::success(cfg.tasks.already_started_result);
    return ActionResult::success();
}

ActionResult stop_wb_record(ActionContext& ctx) {
    validation::Outcome in = read_params(ctx, declared("StopWBRecord"));
    if (!in.ok()) return ActionResult::failure(in.error->reason, in.error->message);
    AppAccess access = check_app_access(ctx, in.value.at("AppId").get<std::string>());
    if (!access.app) return access.failure;
    TaskKey key{in.value.at("AppId").get<std::string>(), in.value.at("RoomId").get<std::string>(),
                in.value.at("TaskId").get<std::string>()};
    if (!ctx.service.wbrecords().stop(key, ctx.now, "StopByAPI"))
        return ActionResult::failure("ActiveTaskNotFound",
                                     "no whiteboard recording task AppId=" + key.app_id +
                                         " RoomId=" + key.room_id + " TaskId=" + key.task_id + " is running");
    return ActionResult::success();
}

}  // namespace rtc::wbrecord
