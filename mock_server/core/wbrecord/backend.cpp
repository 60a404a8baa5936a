#include "core/wbrecord/backend.h"

namespace rtc::wbrecord {

nlohmann::json WbRecordTask::to_json() const {
    return nlohmann::json{
        {"AppId", spec.app_id},      {"RoomId", spec.room_id},         {"TaskId", spec.task_id},
        {"UserId", spec.user_id},    {"BusinessId", spec.business_id}, {"SourceURL", spec.source_url},
        {"AccountId", account_id},   {"StartTime", start_time},        {"EndTime", end_time},
        {"Status", running ? 2 : 3}, {"StopReason", stop_reason},      {"Generation", generation}};
}

state::WbRecordTasks::StartOutcome WbRecordBackend::start(const WbRecordSpec& spec,
                                                          const std::string& account_id, TimeMs now) {
    auto out = tasks_.start(spec, account_id, now, settings_.restart_ended_tasks);
    if (out.outcome == Started::Created) publish(out.task, events::TaskStep::Started, now);
    return out;
}

std::optional<WbRecordTask> WbRecordBackend::stop(const TaskKey& key, TimeMs now, const std::string& reason) {
    auto task = tasks_.stop(key, now, reason);
    if (task) publish(*task, events::TaskStep::Ended, now, reason);
    return task;
}

void WbRecordBackend::publish(const WbRecordTask& task, events::TaskStep step, TimeMs now,
                              std::string reason) const {
    if (!hub_.wants(events::kTasks)) return;
    hub_.publish(events::TaskEvent{events::TaskFamily::WbRecord, task.spec.app_id, task.spec.room_id,
                                   task.spec.task_id, task.generation, step, 0, std::move(reason), "", now});
}

}  // namespace rtc::wbrecord
