// Webcast tasks keyed by AppId + RoomId + TaskId, safe under concurrent requests. Sharded, so requests for
// different tasks do not wait on one lock.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/webcast/models.h"

namespace rtc::webcast {

class WebcastStore {
  public:
    // `max_ended`: how many ended tasks are kept for GetWebCastTask (0 = all); the oldest ended task is
    // forgotten first, so a long load test with unique TaskIds runs in flat memory.
    explicit WebcastStore(std::size_t max_ended = 0) : max_ended_(max_ended) {}

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
    void note_ended(const TaskKey& key, std::uint64_t generation);

    mutable std::array<Shard, kShards> shards_;
    const std::size_t max_ended_;
    std::mutex ended_mu_;
    std::deque<std::pair<TaskKey, std::uint64_t>> ended_;  // oldest first
};

}  // namespace rtc::webcast
