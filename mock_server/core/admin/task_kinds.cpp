#include "core/admin/task_kinds.h"

#include "core/service.h"
#include "core/timefmt.h"

namespace rtc {

namespace {

const char* webcast_state(webcast::TaskStatus s) {
    switch (s) {
        case webcast::TaskStatus::UnknownError:
            return "unknown_error";
        case webcast::TaskStatus::NotStarted:
            return "not_started";
        case webcast::TaskStatus::Running:
            return "running";
        case webcast::TaskStatus::Ended:
            return "ended";
        case webcast::TaskStatus::Failed:
            return "failed";
    }
    return "unknown_error";
}

nlohmann::json webcast_json(const webcast::WebcastTask& t) {
    nlohmann::json solutions = nlohmann::json::array();
    for (const auto& v : t.spec.video_solutions)
        solutions.push_back(
            {{"Width", v.width}, {"Height", v.height}, {"FrameRate", v.frame_rate}, {"Bitrate", v.bitrate}});
    const auto& p = t.page;
    return {{"AppId", t.spec.app_id},
            {"RoomId", t.spec.room_id},
            {"TaskId", t.spec.task_id},
            {"AccountId", t.account_id},
            {"UserId", t.spec.user_id},
            {"BusinessId", t.spec.business_id},
            {"SourceURL", t.spec.source_url},
            {"VideoSolutions", solutions},
            {"MaxRunningTime", t.spec.max_running_time},
            {"Status", static_cast<int>(t.status)},
            {"State", webcast_state(t.status)},
            {"StopReason", t.stop_reason},
            {"StartTime", t.start_time},
            {"StartTimeText", format_rfc3339(t.start_time)},
            {"EndTime", t.end_time},
            {"Generation", t.generation},
            {"Page",
             {{"Capturing", p.capturing},
              {"StartEventSeen", p.start_event_seen},
              {"Frozen", p.frozen},
              {"Blank", p.blank},
              {"Crashed", p.crashed},
              {"Refreshes", p.refreshes},
              {"Reschedules", p.reschedules},
              {"StartTimeouts", p.start_timeouts}}}};
}

TaskKind webcast_kind() {
    TaskKind k;
    k.name = "Webcast";
    k.metric_kind = "webcast";
    for (auto s : {webcast::TaskStatus::NotStarted, webcast::TaskStatus::Running, webcast::TaskStatus::Ended,
                   webcast::TaskStatus::Failed, webcast::TaskStatus::UnknownError})
        k.states.push_back(webcast_state(s));
    k.list = [](MockService& svc) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& t : svc.webcasts().all()) out.push_back(webcast_json(t));
        return out;
    };
    k.census = [](MockService& svc) {
        std::map<std::string, std::size_t> n;
        for (const auto& t : svc.webcasts().all()) ++n[webcast_state(t.status)];
        return n;
    };
    return k;
}

}  // namespace

const std::vector<TaskKind>& task_kinds() {
    static const std::vector<TaskKind> kinds = {webcast_kind()};
    return kinds;
}

}  // namespace rtc
