// Whiteboard recording tasks, safe under concurrent requests (the documented rate is 10/s per user, so one
// lock is plenty).
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/wbrecord/models.h"

namespace rtc::wbrecord {

class WbRecordStore {
  public:
    struct StartResult {
        bool created = false;  // false: a running task with this key already existed (not an error)
        WbRecordTask task;
    };
    // Creates the task, or replaces an ended one with the same key; a running one is left alone.
    StartResult start(const WbRecordSpec& spec, const std::string& account_id, TimeMs now);
    // Ends a running task; nullopt when there is no running task with this key.
    std::optional<WbRecordTask> stop(const TaskKey& key, TimeMs now, const std::string& reason);
    std::optional<WbRecordTask> get(const TaskKey& key) const;
    std::vector<WbRecordTask> all() const;
    std::size_t size() const;
    void clear();

  private:
    mutable std::mutex mu_;
    std::map<TaskKey, WbRecordTask> tasks_;
};

}  // namespace rtc::wbrecord
