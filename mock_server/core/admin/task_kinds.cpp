#include "core/admin/task_kinds.h"

#include "core/service_parts.h"
#include "core/timefmt.h"
#include "core/webcast/task_object.h"

namespace rtc::admin {

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

// The documented WebCastTask object (webcast/task_object.h), with what the admin API adds: the task's key and
// owner, its state in words, its generation and its page.
nlohmann::json webcast_json(const webcast::WebcastTask& t, const nlohmann::json& page) {
    nlohmann::json j = webcast::task_object_json(t);
    j["AppId"] = t.spec.app_id;
    j["RoomId"] = t.spec.room_id;
    j["TaskId"] = t.spec.task_id;
    j["AccountId"] = t.account_id;
    j["BusinessId"] = t.spec.business_id;
    j["State"] = webcast_state(t.status);
    j["StartTimeText"] = format_rfc3339(t.start_time);
    j["Generation"] = t.generation;
    j["Page"] = page;
    return j;
}

TaskKind webcast_kind() {
    TaskKind k;
    k.name = "Webcast";
    k.metric_kind = "webcast";
    for (auto s : {webcast::TaskStatus::NotStarted, webcast::TaskStatus::Running, webcast::TaskStatus::Ended,
                   webcast::TaskStatus::Failed, webcast::TaskStatus::UnknownError})
        k.states.push_back(webcast_state(s));
    k.list = [](ServiceParts& p) {
        nlohmann::json out = nlohmann::json::array();
        p.webcast.for_each([&](const webcast::WebcastTask& t, const nlohmann::json& page) {
            out.push_back(webcast_json(t, page));
        });
        return out;
    };
    k.census = [](ServiceParts& p) {
        std::map<std::string, std::size_t> n;
        p.engine->webcast_tasks().for_each(
            [&](const webcast::WebcastTask& t) { ++n[webcast_state(t.status)]; });
        return n;
    };
    return k;
}

TaskKind wbrecord_kind() {
    TaskKind k;
    k.name = "WBRecord";
    k.metric_kind = "wbrecord";
    k.states = {"running", "ended"};
    k.list = [](ServiceParts& p) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& t : p.wbrecord.all()) {
            nlohmann::json j = t.to_json();
            j["State"] = t.running ? "running" : "ended";
            j["StartTimeText"] = format_rfc3339(t.start_time);
            out.push_back(std::move(j));
        }
        return out;
    };
    k.census = [](ServiceParts& p) {
        std::map<std::string, std::size_t> n;
        for (const auto& t : p.wbrecord.all()) ++n[t.running ? "running" : "ended"];
        return n;
    };
    return k;
}

}  // namespace

const std::vector<TaskKind>& task_kinds() {
    static const std::vector<TaskKind> kinds = {webcast_kind(), wbrecord_kind()};
    return kinds;
}

}  // namespace rtc::admin
