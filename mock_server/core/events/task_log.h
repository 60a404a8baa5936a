// The task event log: the last N task steps of every task (the timeline of the inspector and of
// `GET /_mock/tasks/{family}/{AppId}/{RoomId}/{TaskId}/events`). One bounded ring for all tasks, so a task
// costs nothing extra in memory and a long load test stays flat; the oldest steps go first.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/events/hub.h"

namespace rtc::events {

class TaskLog final : public Subscriber {
  public:
    explicit TaskLog(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}
    void on_event(const Event& event) override;
    // The steps of one task, oldest first (every generation of the key).
    std::vector<TaskEvent> of(TaskFamily family, const std::string& app_id, const std::string& room_id,
                              const std::string& task_id) const;
    std::size_t size() const;
    void clear();

  private:
    const std::size_t capacity_;
    mutable std::mutex mu_;
    std::deque<TaskEvent> ring_;
};

nlohmann::json to_json(const TaskEvent& event);

}  // namespace rtc::events
