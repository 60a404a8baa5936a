// Webcast tasks keyed by AppId + RoomId + TaskId, safe under concurrent requests. Sharded, so requests for
// different tasks do not wait on one lock.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/webcast/models.h"

namespace rtc::webcast {

class WebcastStore {
  public:
    struct StartResult {
        bool created = false;  // false: a running task with this key already existed (not an error)
        WebcastTask task;
    };

    // Creates the task, or replaces an ended one with the same key; a running one is left alone.
    StartResult start(const WebcastSpec& spec, const std::string& account_id, TimeMs now);
    std::optional<WebcastTask> get(const TaskKey& key) const;
    // Runs `fn` on the stored task under its shard's lock; returns the task after it, or nullopt if absent.
    std::optional<WebcastTask> update(const TaskKey& key, const std::function<void(WebcastTask&)>& fn);
    std::vector<WebcastTask> all() const;
    std::size_t size() const;
    void clear();

  private:
    static constexpr std::size_t kShards = 64;
    struct Shard {
        mutable std::mutex mu;
        std::map<TaskKey, WebcastTask> tasks;
    };
    Shard& shard_of(const TaskKey& key) const;
    mutable std::array<Shard, kShards> shards_;
};

}  // namespace rtc::webcast
