#include "core/tasks_settings.h"

#include "core/config_reader.h"

namespace rtc {

void parse_task_settings(const ConfigField& f, TaskSettings& out) {
    f.only_keys({"QueryWindowHours", "AlreadyStartedResult", "WBRecordAlreadyStartedResult",
                 "RestartEndedTasks", "MaxEndedTasks", "EventLogCapacity"});
    f.get("QueryWindowHours", out.query_window_hours, 1, 24 * 365);
    f.get("AlreadyStartedResult", out.already_started_result);
    if (f.has("WBRecordAlreadyStartedResult"))
        out.wb_record_already_started_result = f["WBRecordAlreadyStartedResult"].str();
    f.get("RestartEndedTasks", out.restart_ended_tasks);
    f.get("MaxEndedTasks", out.max_ended_tasks, 0, 100000000);
    f.get("EventLogCapacity", out.event_log_capacity, 1, 10000000);
}

}  // namespace rtc
