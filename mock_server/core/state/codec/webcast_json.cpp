#include "core/state/codec/webcast_json.h"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/state/codec/json_fields.h"

namespace rtc::state::codec {

using nlohmann::json;
using namespace webcast;

json encode(const WebcastSpec& s) {
    json solutions = json::array();
    for (const auto& v : s.video_solutions)
        solutions.push_back(
            {{"Width", v.width}, {"Height", v.height}, {"FrameRate", v.frame_rate}, {"Bitrate", v.bitrate}});
    return json{{"AppId", s.app_id},
                {"RoomId", s.room_id},
                {"TaskId", s.task_id},
                {"UserId", s.user_id},
                {"BusinessId", s.business_id},
                {"SourceURL", s.source_url},
                {"VideoSolutions", std::move(solutions)},
                {"MaxRunningTime", s.max_running_time},
                {"MonitorConfig",
                 {{"FreezeCheckInterval", s.monitor.freeze_check_interval},
                  {"BlankCheckInterval", s.monitor.blank_check_interval},
                  {"CrashCheckInterval", s.monitor.crash_check_interval}}},
                {"EventNotifyConfig",
                 {{"EnableEventNotify", s.event_notify.enable_event_notify},
                  {"StartTimeout", s.event_notify.start_timeout}}}};
}

WebcastSpec decode_webcast_spec(const json& j) {
    const std::string p = "Spec";
    WebcastSpec s;
    s.app_id = read_string(j, p, "AppId");
    s.room_id = read_string(j, p, "RoomId");
    s.task_id = read_string(j, p, "TaskId");
    s.user_id = read_string(j, p, "UserId");
    s.business_id = read_string(j, p, "BusinessId");
    s.source_url = read_string(j, p, "SourceURL");
    const json& solutions = member(j, p, "VideoSolutions");
    if (!solutions.is_array()) throw std::invalid_argument(p + ".VideoSolutions: not an array");
    for (std::size_t i = 0; i < solutions.size(); ++i) {
        const std::string at = p + ".VideoSolutions[" + std::to_string(i) + "]";
        VideoSolution v;
        v.width = read_int32(solutions[i], at, "Width");
        v.height = read_int32(solutions[i], at, "Height");
        v.frame_rate = read_int32(solutions[i], at, "FrameRate");
        v.bitrate = read_int32(solutions[i], at, "Bitrate");
        s.video_solutions.push_back(v);
    }
    s.max_running_time = read_int32(j, p, "MaxRunningTime");
    const std::string mp = p + ".MonitorConfig";
    const json& monitor = member(j, p, "MonitorConfig");
    s.monitor.freeze_check_interval = read_int32(monitor, mp, "FreezeCheckInterval");
    s.monitor.blank_check_interval = read_int32(monitor, mp, "BlankCheckInterval");
    s.monitor.crash_check_interval = read_int32(monitor, mp, "CrashCheckInterval");
    const std::string np = p + ".EventNotifyConfig";
    const json& notify = member(j, p, "EventNotifyConfig");
    s.event_notify.enable_event_notify = read_bool(notify, np, "EnableEventNotify");
    s.event_notify.start_timeout = read_int32(notify, np, "StartTimeout");
    return s;
}

json encode(const WebcastTask& t) {
    const PageState& pg = t.page;
    return json{{"Spec", encode(t.spec)},
                {"AccountId", t.account_id},
                {"StartTime", t.start_time},
                {"EndTime", t.end_time},
                {"Status", static_cast<int>(t.status)},
                {"StopReason", t.stop_reason},
                {"Page",
                 {{"Capturing", pg.capturing},
                  {"StartEventSeen", pg.start_event_seen},
                  {"FreezeHits", pg.freeze_hits},
                  {"BlankHits", pg.blank_hits},
                  {"Refreshes", pg.refreshes},
                  {"Reschedules", pg.reschedules},
                  {"StartTimeouts", pg.start_timeouts},
                  {"Host", pg.host},
                  {"Simulated",
                   {{"Frozen", pg.simulated.frozen},
                    {"Blank", pg.simulated.blank},
                    {"Crashed", pg.simulated.crashed}}}}},
                {kGenerationField, t.generation},
                {"Instance", t.instance},
                {kVersionField, t.version},
                {"Timeline", t.timeline},
                {"TimelineNext", t.timeline_next}};
}

WebcastTask decode_webcast_task(const json& j) {
    WebcastTask t;
    t.spec = decode_webcast_spec(member(j, "", "Spec"));
    t.account_id = read_string(j, "", "AccountId");
    t.start_time = read_int(j, "", "StartTime");
    t.end_time = read_int(j, "", "EndTime");
    const int status = read_int32(j, "", "Status");
    if (status < static_cast<int>(TaskStatus::UnknownError) || status > static_cast<int>(TaskStatus::Failed))
        throw std::invalid_argument("Status: not a task status");
    t.status = static_cast<TaskStatus>(status);
    t.stop_reason = read_string(j, "", "StopReason");
    const std::string pp = "Page";
    const json& page = member(j, "", "Page");
    t.page.capturing = read_bool(page, pp, "Capturing");
    t.page.start_event_seen = read_bool(page, pp, "StartEventSeen");
    t.page.freeze_hits = read_int32(page, pp, "FreezeHits");
    t.page.blank_hits = read_int32(page, pp, "BlankHits");
    t.page.refreshes = read_int32(page, pp, "Refreshes");
    t.page.reschedules = read_int32(page, pp, "Reschedules");
    t.page.start_timeouts = read_int32(page, pp, "StartTimeouts");
    t.page.host = read_string(page, pp, "Host");
    const std::string sp = pp + ".Simulated";
    const json& simulated = member(page, pp, "Simulated");
    t.page.simulated.frozen = read_bool(simulated, sp, "Frozen");
    t.page.simulated.blank = read_bool(simulated, sp, "Blank");
    t.page.simulated.crashed = read_bool(simulated, sp, "Crashed");
    t.generation = read_uint(j, "", kGenerationField);
    t.instance = read_uint(j, "", "Instance");
    t.version = read_uint(j, "", kVersionField);
    const std::int64_t timeline = read_int(j, "", "Timeline");
    if (timeline < -1 || timeline > INT32_MAX) throw std::invalid_argument("Timeline: out of range");
    t.timeline = static_cast<std::int32_t>(timeline);
    const std::uint64_t next = read_uint(j, "", "TimelineNext");
    if (next > UINT32_MAX) throw std::invalid_argument("TimelineNext: out of range");
    t.timeline_next = static_cast<std::uint32_t>(next);
    return t;
}

}  // namespace rtc::state::codec
