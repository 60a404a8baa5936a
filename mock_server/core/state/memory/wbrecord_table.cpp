#include "core/state/memory/wbrecord_table.h"

namespace rtc::state::memory {

using wbrecord::TaskKey;
using wbrecord::WbRecordTask;

MemoryWbRecordTasks::StartOutcome MemoryWbRecordTasks::start(const wbrecord::WbRecordSpec& spec,
                                                             const std::string& account_id, TimeMs now,
                                                             bool restart_ended) {
    const TaskKey key{spec.app_id, spec.room_id, spec.task_id};
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it != tasks_.end()) {
        if (it->second.running) return {Started::AlreadyRunning, it->second};
        if (!restart_ended) return {Started::EndedNotRestartable, it->second};
    }
    WbRecordTask task;
    task.spec = spec;
    task.account_id = account_id;
    task.start_time = now;
    task.generation = it != tasks_.end() ? it->second.generation + 1 : 1;
    tasks_[key] = task;
    return {Started::Created, task};
}

std::optional<WbRecordTask> MemoryWbRecordTasks::stop(const TaskKey& key, TimeMs now,
                                                      const std::string& reason) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it == tasks_.end() || !it->second.running) return std::nullopt;
    it->second.running = false;
    it->second.end_time = now;
    it->second.stop_reason = reason;
    return it->second;
}

std::optional<WbRecordTask> MemoryWbRecordTasks::get(const TaskKey& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(key);
    if (it == tasks_.end()) return std::nullopt;
    return it->second;
}

std::vector<WbRecordTask> MemoryWbRecordTasks::all() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<WbRecordTask> out;
    out.reserve(tasks_.size());
    for (const auto& [k, t] : tasks_) out.push_back(t);
    return out;
}

std::size_t MemoryWbRecordTasks::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return tasks_.size();
}

void MemoryWbRecordTasks::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    tasks_.clear();
}

}  // namespace rtc::state::memory
