// The Webcast actions as the StartWebcast page ([SW], its Body table in
// fixtures/seed-tables/StartWebcast.json) and docs/service-facts.md §4 declare them. Read side by side with
// the seed's Body table: one row there, one field() here, the row in seed(). Validation, docs/reference.md,
// the conformance cases and the benchmarks all read these declarations.
#include "core/actions/spec_sources.h"

namespace rtc::spec {

namespace {

const char* kWebcastSeed = "StartWebcast page [SW] (docs/service-facts.md §4)";

// AppId + RoomId + TaskId: how every Webcast action names its task (docs/service-facts.md §4).
std::vector<Field> task_key_fields(const char* source) {
    return {
        app_id_field().seed(std::string(source) + ": AppId | String | 是 | 应用的唯一标志"),
        room_id_field().seed(std::string(source) + ": RoomId | String | 是 | 房间 ID 是房间的唯一标志"),
        id_field("TaskId").req().seed(std::string(source) +
                                      ": TaskId | String | 是 | AppId + RoomId + TaskId 是任务的唯一标识；"
                                      "Id 字段的命名规则符合正则表达式 [a-zA-Z0-9_@\\-\\.]{1,128}"),
    };
}

ActionSpec start_webcast() {
    ActionSpec a;
    a.name = "StartWebcast";
    a.versions = task_action_versions();
    a.method = "POST";
    a.rate_limit = 150;
    a.rate_limit_doc = "请求频率：QPS 不得超过 150。";
    a.seed = kWebcastSeed;
    a.summary = "Pushes the audio and video of a web page into an RTC room (cloud screen capture).";
    a.fields = {
        app_id_field().seed("AppId | String | 是 | 应用的唯一标志"),
        id_field("BusinessId")
            .empty_absent()
            .seed("BusinessId | String | 否 | 业务标识")
            .choice("the ID rule of docs/service-facts.md §4 applies; \"\" counts as absent"),
        room_id_field().seed(
            "RoomId | String | 是 | 向指定 RTC 房间推送网页音视频内容，房间 ID 是房间的唯一标志"),
        id_field("TaskId").req().seed(
            "TaskId | String | 是 | 任务 ID。AppId + RoomId + TaskId 是任务的唯一标识。"
            "关于 TaskId 及以上 Id 字段的命名规则符合正则表达式：[a-zA-Z0-9_@\\-\\.]{1,128}"),
        id_field("UserId").req().seed(
            "UserId | String | 是 | 推送网页音视频内容的用户对应的 UserId。不能与房间中其他用户的 ID 重复，"
            "否则先进房的用户会被移出房间。"),
        field("SourceURL", Type::String)
            .req()
            .max_len(1024)
            .seed("SourceURL | String | 是 | 需要转推的网页地址，可以携带自定义的 queryParams "
                  "来鉴权等，总体长度不超过 1024。")
            .choice("length counted in bytes (Validation.LengthUnit)"),
        field("VideoSolutions", Type::Array)
            .items(2, "Validation.MaxVideoSolutions")
            .empty_absent()
            .def(nlohmann::json::array({nlohmann::json::object()}))
            .seed("VideoSolutions | Object[] | 否 | 输出流的视频参数。该值为空时按默认值填充一路。"
                  "当设置两路流时，RTC 会启动推送多路流功能。")
            .choice("more than 2 entries is InvalidParameter")
            .of({
                field("Width", Type::Integer)
                    .range(50, 1920)
                    .def(1280)
                    .even()
                    .in("px")
                    .seed("Width | Integer | 否 | 视频宽度，单位为像素，范围为 [50,1920]，默认值为 1280。"
                          "必须是偶数，值为奇数时自动调整为偶数。")
                    .choice("range checked on the value as sent, then an odd value rounded down "
                            "(Validation.OddDimensionRounding)"),
                field("Height", Type::Integer)
                    .range(50, 1080)
                    .def(720)
                    .even()
                    .in("px")
                    .seed("Height | Integer | 否 | 视频高度，单位为像素，范围为 [50,1080]，默认值为 720。"
                          "必须是偶数，值为奇数时自动调整为偶数。")
                    .choice("range checked on the value as sent, then an odd value rounded down "
                            "(Validation.OddDimensionRounding)"),
                field("FrameRate", Type::Integer)
                    .range(1, 60)
                    .def(15)
                    .in("fps")
                    .seed("FrameRate | Integer | 否 | 发送帧率，单位为 帧/秒，范围为[1,60]，默认值为 15。"),
                field("Bitrate", Type::Integer)
                    .range(0, 10000)
                    .def(0)
                    .in("kbps")
                    .seed(
                        "Bitrate | Integer | 否 | 最大发送码率，取值范围为[0,10000]，单位为 Kbps，默认值 0，"
                        "为 0 时表示自适应码率。"),
            }),
        field("MaxRunningTime", Type::Integer)
            .range(10, 86400)
            .def(86400)
            .in("s")
            .seed("MaxRunningTime | Integer | 否 | 最大运行时间，超过此时间后，任务自动终止。单位为秒。"
                  "取值范围为 [10,86400]，默认值为 86400。不填时自动调整为默认值。"),
        field("MonitorConfig", Type::Object)
            .def(nlohmann::json::object())
            .seed("MonitorConfig | Object | 否 | 页面可用性监控配置")
            .of({
                field("FreezeCheckInterval", Type::Integer)
                    .range(2, 30)
                    .or_zero_off()
                    .def(0)
                    .in("s")
                    .seed("FreezeCheckInterval | Integer | 否 | "
                          "对页面内容是否无变化的检测间隔。取值范围为[2,30]，"
                          "单位为秒。默认值为0，表示不启用。"),
                field("BlankCheckInterval", Type::Integer)
                    .range(2, 30)
                    .or_zero_off()
                    .def(0)
                    .in("s")
                    .seed("BlankCheckInterval | Integer | 否 | 对页面是否白屏的检测间隔。取值范围为[2,30]，"
                          "单位为秒。默认值为0，表示不启用。"),
                field("CrashCheckInterval", Type::Integer)
                    .range(0, 30)
                    .def(0)
                    .in("s")
                    .seed("CrashCheckInterval | Integer | 否 | 对页面 JS 线程是否崩溃/卡死的检测间隔。"
                          "取值范围为[0,30]，单位为秒。默认值为0，表示不启用。"),
            }),
        field("EventNotifyConfig", Type::Object)
            .def(nlohmann::json::object())
            .seed("EventNotifyConfig | Object | 否 | "
                  "页面事件通知配置。若需要避免未载入完成时的不完整页面被采集，"
                  "可以启用此配置。")
            .of({
                field("EnableEventNotify", Type::Boolean)
                    .def(false)
                    .seed("EnableEventNotify | Boolean | 否 | 是否启用页面主动事件通知, 默认值为false。"),
                field("StartTimeout", Type::Integer)
                    .range(0, 60)
                    .def(0)
                    .in("s")
                    .seed("StartTimeout | Integer | 否 | 启用页面主动事件通知后，等待开始事件的超时时间。"
                          "取值范围为[0,60]，单位为秒。默认值为0，表示不启用。仅当 EnableEventNotify 为 true "
                          "时，此参数有效。"),
            }),
    };
    a.rules = {
        "AppId must name an app of the caller's account: unknown -> InvalidParameter.NotExistAppId, another "
        "account's -> AccessDenied.NoPermissionForApp (docs/service-facts.md §4).",
        "A running task with the same AppId + RoomId + TaskId: success, Result = Tasks.AlreadyStartedResult "
        "(docs/service-facts.md §4, 2023 docs). An ended task is started anew (Tasks.RestartEndedTasks).",
        "A UserId already in the room is not rejected (seed: the earlier member is removed).",
    };
    return a;
}

ActionSpec stop_webcast() {
    ActionSpec a;
    a.name = "StopWebcast";
    a.versions = task_action_versions();
    a.method = "POST";
    a.rate_limit = 150;
    a.rate_limit_doc = "QPS <= 150 (docs/service-facts.md §4)";
    a.seed = "docs/service-facts.md §4";
    a.summary = "Stops a running Webcast task: Status 3, StopReason StopByAPI.";
    a.fields = task_key_fields("docs/service-facts.md §4 (as StartWebcast)");
    a.rules = {
        "An unknown or already stopped task -> InvalidParameter.ErrorActiveTaskNotFound (a choice, "
        "docs/service-facts.md §4).",
    };
    return a;
}

ActionSpec get_webcast_task() {
    ActionSpec a;
    a.name = "GetWebCastTask";
    a.versions = task_action_versions();
    a.method = "GET";
    a.rate_limit = 60;
    a.rate_limit_doc = "QPS <= 60 (docs/service-facts.md §4)";
    a.seed = "docs/service-facts.md §4";
    a.summary = "Reads a Webcast task started in the last 72 hours (parameters in the query string).";
    a.fields = task_key_fields("docs/service-facts.md §4 (query, as StartWebcast)");
    a.rules = {
        "Result = {\"WebCastTask\": {StartTime, EndTime, Status, StopReason, UserId, SourceURL, "
        "MaxRunningTime, "
        "VideoSolutions, EventNotifyConfig, MonitorConfig}}, defaults filled in, times in Unix ms "
        "(docs/service-facts.md §4).",
        "Only tasks started within Tasks.QueryWindowHours (72) can be read; an unknown or older task -> "
        "InvalidParameter.ErrorActiveTaskNotFound (a choice, docs/service-facts.md §4). An ended task in the "
        "window has Status 3.",
    };
    return a;
}

}  // namespace

std::vector<ActionSpec> webcast_action_specs() {
    return {start_webcast(), stop_webcast(), get_webcast_task()};
}

}  // namespace rtc::spec
