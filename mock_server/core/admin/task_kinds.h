// The kinds of task the mock keeps, one entry each, for `GET /_mock/tasks`, the state dump and the
// `rtc_mock_tasks{kind,state}` gauges. A new task family joins by adding one entry in task_kinds.cpp.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rtc {
class ServiceParts;
}

namespace rtc::admin {

struct TaskKind {
    std::string name;                 // key in GET /_mock/tasks, e.g. "Webcast"
    std::string metric_kind;          // label of rtc_mock_tasks, e.g. "webcast"
    std::vector<std::string> states;  // every state label, so a gauge at zero is still exposed
    std::function<nlohmann::json(ServiceParts&)> list;                        // every task, as JSON
    std::function<std::map<std::string, std::size_t>(ServiceParts&)> census;  // state -> tasks
};

const std::vector<TaskKind>& task_kinds();

}  // namespace rtc::admin
