#include "core/events/task_log.h"

#include "core/timefmt.h"

namespace rtc::events {

void TaskLog::on_event(const Event& event) {
    const auto* t = std::get_if<TaskEvent>(&event);
    if (!t) return;
    std::lock_guard<std::mutex> lock(mu_);
    ring_.push_back(*t);
    if (ring_.size() > capacity_) ring_.pop_front();
}

std::vector<TaskEvent> TaskLog::of(TaskFamily family, const std::string& app_id, const std::string& room_id,
                                   const std::string& task_id) const {
    std::vector<TaskEvent> out;
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& e : ring_)
        if (e.family == family && e.task_id == task_id && e.room_id == room_id && e.app_id == app_id)
            out.push_back(e);
    return out;
}

std::size_t TaskLog::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ring_.size();
}

void TaskLog::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    ring_.clear();
}

nlohmann::json to_json(const TaskEvent& e) {
    return {{"Family", to_string(e.family)},
            {"AppId", e.app_id},
            {"RoomId", e.room_id},
            {"TaskId", e.task_id},
            {"Generation", e.generation},
            {"Step", to_string(e.step)},
            {"Status", e.status},
            {"Reason", e.reason},
            {"Detail", e.detail},
            {"Time", format_rfc3339(e.time)},
            {"TimeMs", e.time}};
}

}  // namespace rtc::events
