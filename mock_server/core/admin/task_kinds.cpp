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

nlohmann::json webcast_json(const webcast::TaskView& v) {
    const webcast::WebcastTask& t = v.task;
    nlohmann::json solutions = nlohmann::json::array();
    for (const auto& s : t.spec.video_solutions)
        solutions.push_back(
            {{"Width", s.width}, {"Height", s.height}, {"FrameRate", s.frame_rate}, {"Bitrate", s.bitrate}});
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
            {"Page", webcast::page_state_json(t, v.page.get())}};
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
        for (const auto& v : svc.webcast().all()) out.push_back(webcast_json(v));
        return out;
    };
    k.census = [](MockService& svc) {
        std::map<std::string, std::size_t> n;
        for (const auto& v : svc.webcast().all()) ++n[webcast_state(v.task.status)];
        return n;
    };
    return k;
}

TaskKind wbrecord_kind() {
    TaskKind k;
    k.name = "WBRecord";
    k.metric_kind = "wbrecord";
    k.states = {"running", "ended"};
    k.list = [](MockService& svc) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& t : svc.wbrecord().all()) {
            nlohmann::json j = t.to_json();
            j["State"] = t.running ? "running" : "ended";
            j["StartTimeText"] = format_rfc3339(t.start_time);
            out.push_back(std::move(j));
        }
        return out;
    };
    k.census = [](MockService& svc) {
        std::map<std::string, std::size_t> n;
        for (const auto& t : svc.wbrecord().all()) ++n[t.running ? "running" : "ended"];
        return n;
    };
    return k;
}

}  // namespace

const std::vector<TaskKind>& task_kinds() {
    static const std::vector<TaskKind> kinds = {webcast_kind(), wbrecord_kind()};
    return kinds;
}

}  // namespace rtc
