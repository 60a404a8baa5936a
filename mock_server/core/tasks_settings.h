// Settings of the task families (config section `Tasks`): how long tasks are kept and what a repeated start
// answers. Data only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace rtc {

class ConfigField;

struct TaskSettings {
    std::int64_t query_window_hours = 72;
    // Result of a Start* call for a task that is already running (docs/service-facts.md §4, 2023 docs).
    std::string already_started_result =
        "The task has been started. Please do not call the startup task interface repeatedly";
    // The same for StartWBRecord, where the text is not published (a choice): unset = AlreadyStartedResult.
    std::optional<std::string> wb_record_already_started_result;
    bool restart_ended_tasks = true;  // false: starting an ended task again is TaskAlreadyExists
    // Ended tasks kept for GetWebCastTask, oldest forgotten first (0 = keep all): flat memory under load.
    std::size_t max_ended_tasks = 100000;
    // Task steps kept for the task timelines (all tasks share one ring, oldest forgotten first).
    std::size_t event_log_capacity = 20000;
};

void parse_task_settings(const ConfigField& f, TaskSettings& out);

}  // namespace rtc
