#include "core/wbrecord/backend.h"

namespace rtc::wbrecord {

nlohmann::json WbRecordTask::to_json() const {
    return nlohmann::json{
        {"AppId", spec.app_id},      {"RoomId", spec.room_id},         {"TaskId", spec.task_id},
        {"UserId", spec.user_id},    {"BusinessId", spec.business_id}, {"SourceURL", spec.source_url},
        {"AccountId", account_id},   {"StartTime", start_time},        {"EndTime", end_time},
        {"Status", running ? 2 : 3}, {"StopReason", stop_reason},      {"Generation", generation}};
}

WbRecordBackend::StartOutcome WbRecordBackend::start(const WbRecordSpec& spec, const std::string& account_id,
                                                     TimeMs now) {
    TaskKey key{spec.app_id, spec.room_id, spec.task_id};
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it != tasks_.end()) {
        if (it->second.running) return {Start::AlreadyRunning, it->second};
        if (!config_.tasks.restart_ended_tasks) return {Start::EndedNotRestartable, it->second};
    }
    WbRecordTask task;
    task.spec = spec;
    task.account_id = account_id;
    task.start_time = now;
    task.generation = it != tasks_.end() ? it->second.generation + 1 : 1;
    tasks_[key] = task;
    publish(task, events::TaskStep::Started, now);
    return {Start::Created, task};
}

std::optional<WbRecordTask> WbRecordBackend::stop(const TaskKey& key, TimeMs now, const std::string& reason) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it == tasks_.end() || !it->second.running) return std::nullopt;
    it->second.running = false;
    it->second.end_time = now;
    it->second.stop_reason = reason;
    publish(it->second, events::TaskStep::Ended, now, reason);
    return it->second;
}

std::optional<WbRecordTask> WbRecordBackend::get(const TaskKey& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it == tasks_.end()) return std::nullopt;
    return it->second;
}

std::vector<WbRecordTask> WbRecordBackend::all() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<WbRecordTask> out;
    for (const auto& [k, t] : tasks_) out.push_back(t);
    return out;
}

std::size_t WbRecordBackend::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return tasks_.size();
}

void WbRecordBackend::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    tasks_.clear();
}

void WbRecordBackend::publish(const WbRecordTask& task, events::TaskStep step, TimeMs now,
                              std::string reason) const {
    if (!hub_.wants(events::kTasks)) return;
    hub_.publish(events::TaskEvent{events::TaskFamily::WbRecord, task.spec.app_id, task.spec.room_id,
                                   task.spec.task_id, task.generation, step, 0, std::move(reason), "", now});
}

}  // namespace rtc::wbrecord
