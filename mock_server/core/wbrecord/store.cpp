#include "core/wbrecord/store.h"

namespace rtc::wbrecord {

nlohmann::json WbRecordTask::to_json() const {
    return nlohmann::json{
        {"AppId", spec.app_id},      {"RoomId", spec.room_id},         {"TaskId", spec.task_id},
        {"UserId", spec.user_id},    {"BusinessId", spec.business_id}, {"SourceURL", spec.source_url},
        {"AccountId", account_id},   {"StartTime", start_time},        {"EndTime", end_time},
        {"Status", running ? 2 : 3}, {"StopReason", stop_reason}};
}

WbRecordStore::StartResult WbRecordStore::start(const WbRecordSpec& spec, const std::string& account_id,
                                                TimeMs now) {
    TaskKey key{spec.app_id, spec.room_id, spec.task_id};
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it != tasks_.end() && it->second.running) return StartResult{false, it->second};
    WbRecordTask task;
    task.spec = spec;
    task.account_id = account_id;
    task.start_time = now;
    task.generation = it != tasks_.end() ? it->second.generation + 1 : 1;
    tasks_[key] = task;
    return StartResult{true, task};
}

std::optional<WbRecordTask> WbRecordStore::stop(const TaskKey& key, TimeMs now, const std::string& reason) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it == tasks_.end() || !it->second.running) return std::nullopt;
    it->second.running = false;
    it->second.end_time = now;
    it->second.stop_reason = reason;
    return it->second;
}

std::optional<WbRecordTask> WbRecordStore::get(const TaskKey& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it == tasks_.end()) return std::nullopt;
    return it->second;
}

std::vector<WbRecordTask> WbRecordStore::all() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<WbRecordTask> out;
    for (const auto& [k, t] : tasks_) out.push_back(t);
    return out;
}

std::size_t WbRecordStore::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return tasks_.size();
}

void WbRecordStore::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    tasks_.clear();
}

}  // namespace rtc::wbrecord
