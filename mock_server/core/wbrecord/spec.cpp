// The whiteboard recording actions as the StartWBRecord page ([WB], its Body table in
// fixtures/seed-tables/StartWBRecord.json) and docs/service-facts.md §4 declare them. Read side by side with
// the seed's Body table: one row there, one field() here.
#include "core/actions/spec_sources.h"

namespace rtc::spec {

namespace {

const char* kWBRecordSeed = "StartWBRecord page [WB] (docs/service-facts.md §4)";
const char* kRate = "请求频率：单用户请求频率限制为 10 次/秒。";

ActionSpec start_wb_record() {
    ActionSpec a;
    a.name = "StartWBRecord";
    a.versions = task_action_versions();
    a.method = "POST";
    a.rate_limit = 10;
    a.rate_limit_doc = kRate;
    a.seed = kWBRecordSeed;
    a.summary = "Starts a whiteboard recording task (custom UI page or the default whiteboard page).";
    a.fields = {
        app_id_field().seed("AppId | String | 是 | 应用的唯一标志。"),
        room_id_field().seed(
            "RoomId | String | 是 | 需要录制的白板房间 ID，同一个 appId 中，为每个房间的唯一标志"),
        id_field("TaskId").req().seed(
            "TaskId | String | 是 | 录制任务 ID。关于 TaskId 及以上 Id 字段的命名规则符合正则表达式："
            "[a-zA-Z0-9_@\\-\\.]{1,128}"),
        id_field("BusinessId")
            .empty_absent()
            .seed("BusinessId | String | 否 | 业务标识")
            .choice("the ID rule of docs/service-facts.md §4 applies; \"\" counts as absent"),
        id_field("UserId").req().seed(
            "UserId | String | 是 | 任务发起方的用户 ID。不能与房间中其他用户的 ID 重复，"
            "否则先进房的用户会被移出房间。"),
        field("SourceURL", Type::String)
            .max_len(1024)
            .empty_absent()
            .seed("SourceURL | String | 否 | 自定义 UI 的 Web 页面地址。不填表示使用默认白板页面。")
            .choice("at most 1024 bytes, as StartWebcast's SourceURL; \"\" or absent = the default "
                    "whiteboard page"),
    };
    a.rules = {
        "AppId must name an app of the caller's account: unknown -> InvalidParameter.NotExistAppId, another "
        "account's -> AccessDenied.NoPermissionForApp (docs/service-facts.md §4).",
        "Seed 前提条件: VOD enabled, else AccessDenied.ServiceNotEnabled (a choice, docs/service-facts.md "
        "§4).",
        "Seed 前提条件: cloud recording enabled and whiteboard recording configured, else "
        "AccessDenied.RecordNotEnabled (a choice, docs/service-facts.md §4).",
        "Seed 说明: whiteboard recording configured for signalling-data recording -> the call fails: "
        "AccessDenied.RecordNotEnabled, Message naming the signalling-data mode (a choice, "
        "docs/service-facts.md §4).",
        "A running task with the same AppId + RoomId + TaskId: success, Result = the StartWebcast text (a "
        "choice: "
        "the text is published for StartWebcast only, docs/service-facts.md §6; setting "
        "Tasks.WBRecordAlreadyStartedResult, unset = Tasks.AlreadyStartedResult).",
    };
    return a;
}

ActionSpec stop_wb_record() {
    ActionSpec a;
    a.name = "StopWBRecord";
    a.versions = task_action_versions();
    a.method = "POST";
    a.rate_limit = 10;
    a.rate_limit_doc = "10 requests/s per user (docs/service-facts.md §4, as StartWBRecord)";
    a.seed = "docs/service-facts.md §4";
    a.summary = "Stops a running whiteboard recording task.";
    a.fields = {
        app_id_field().seed("docs/service-facts.md §4: AppId (required)"),
        room_id_field().seed("docs/service-facts.md §4: RoomId (required)"),
        id_field("TaskId").req().seed("docs/service-facts.md §4: TaskId (required)"),
        id_field("UserId")
            .req()
            .seed("docs/service-facts.md §4: UserId (required)")
            .choice("not compared with the UserId of the start"),
    };
    a.rules = {
        "An unknown or already stopped task -> InvalidParameter.ErrorActiveTaskNotFound (a choice, "
        "docs/service-facts.md §4).",
    };
    return a;
}

}  // namespace

std::vector<ActionSpec> wbrecord_action_specs() {
    return {start_wb_record(), stop_wb_record()};
}

}  // namespace rtc::spec
