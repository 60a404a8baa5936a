#include "core/wbrecord/responses.h"

#include "core/actions/action_input.h"

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
    if (app.whiteboard_record_mode == WhiteboardMode::Signaling)
        return ActionResult::failure("WhiteboardSignalingMode",
                                     "the whiteboard recording of app " + app.app_id +
                                         " is configured for signalling-data recording (信令数据录制); "
                                         "StartWBRecord needs video recording mode");
    if (app.whiteboard_record_mode != WhiteboardMode::Video)
        return ActionResult::failure("RecordNotEnabled", "whiteboard recording is not configured for app " +
                                                             app.app_id +
                                                             " (a VOD space in video recording mode)");
    return std::nullopt;
}

// A choice (docs/service-facts.md §6): the duplicate-start text is published for StartWebcast only.
const std::string& already_started_result(const TaskSettings& tasks) {
    return tasks.wb_record_already_started_result ? *tasks.wb_record_already_started_result
                                                  : tasks.already_started_result;
}

WbRecordSpec spec_from(const Params& p) {
    WbRecordSpec s;
    s.app_id = p.at("AppId").string();
    s.room_id = p.at("RoomId").string();
    s.task_id = p.at("TaskId").string();
    s.user_id = p.at("UserId").string();
    s.business_id = p.str_or("BusinessId", "");
    s.source_url = p.str_or("SourceURL", "");
    return s;
}

}  // namespace

ActionResult start_wb_record(WbRecordBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.apps(), in)) return *failed;
    if (auto failed = console_preconditions(in.app)) return *failed;
    const WbRecordSpec spec = spec_from(in.params);
    auto started = backend.start(spec, ctx.principal.account_id, ctx.now);
    switch (started.outcome) {
        case WbRecordBackend::Started::Created:
            return ActionResult::success();
        case WbRecordBackend::Started::AlreadyRunning:
            return ActionResult::success(already_started_result(backend.settings()));
        case WbRecordBackend::Started::EndedNotRestartable:
            break;
    }
    return ActionResult::failure("TaskAlreadyExists", "the whiteboard recording task " +
                                                          started.task.key().str() +
                                                          " has ended and cannot be started again");
}

ActionResult stop_wb_record(WbRecordBackend& backend, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, backend.apps(), in)) return *failed;
    TaskKey key{in.params.at("AppId").string(), in.params.at("RoomId").string(),
                in.params.at("TaskId").string()};
    if (!backend.stop(key, ctx.now, "StopByAPI"))
        return ActionResult::failure("ActiveTaskNotFound",
                                     "no whiteboard recording task AppId=" + key.app_id +
                                         " RoomId=" + key.room_id + " TaskId=" + key.task_id + " is running");
    return ActionResult::success();
}

}  // namespace rtc::wbrecord
