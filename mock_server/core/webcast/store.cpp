#include "core/webcast/store.h"

#include <functional>

namespace rtc::webcast {

WebcastStore::Shard& WebcastStore::shard_of(const TaskKey& key) const {
    std::size_t h = std::hash<std::string>{}(key.app_id);
    h ^= std::hash<std::string>{}(key.room_id) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= std::hash<std::string>{}(key.task_id) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return shards_[h % kShards];
}

WebcastStore::StartResult WebcastStore::start(const WebcastSpec& spec, const std::string& account_id,
                                              TimeMs now) {
    TaskKey key = key_of(spec);
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.tasks.find(key);
    if (it != s.tasks.end() && it->second.running()) return StartResult{false, it->second};
    WebcastTask task;
    task.spec = spec;
    task.account_id = account_id;
    task.start_time = now;
    task.status = TaskStatus::NotStarted;
    task.generation = it != s.tasks.end() ? it->second.generation + 1 : 1;
    s.tasks[key] = task;
    return StartResult{true, task};
}

std::optional<WebcastTask> WebcastStore::get(const TaskKey& key) const {
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.tasks.find(key);
    if (it == s.tasks.end()) return std::nullopt;
    return it->second;
}

std::optional<WebcastTask> WebcastStore::update(const TaskKey& key,
                                                const std::function<void(WebcastTask&)>& fn) {
    std::optional<WebcastTask> after;
    bool ended = false;
    {
        Shard& s = shard_of(key);
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.tasks.find(key);
        if (it == s.tasks.end()) return std::nullopt;
        const bool was_running = it->second.running();
        fn(it->second);
        ended = was_running && !it->second.running();
        after = it->second;
    }
    if (ended) note_ended(key, after->generation);
    return after;
}

void WebcastStore::note_ended(const TaskKey& key, std::uint64_t generation) {
    if (max_ended_ == 0) return;
    std::vector<std::pair<TaskKey, std::uint64_t>> evict;
    {
        std::lock_guard<std::mutex> lock(ended_mu_);
        ended_.emplace_back(key, generation);
        while (ended_.size() > max_ended_) {
            evict.push_back(std::move(ended_.front()));
            ended_.pop_front();
        }
    }
    for (const auto& [k, gen] : evict) {
        Shard& s = shard_of(k);
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.tasks.find(k);
        // A task started again under the same key since then is another generation: it stays.
        if (it != s.tasks.end() && !it->second.running() && it->second.generation == gen) s.tasks.erase(it);
    }
}

std::vector<WebcastTask> WebcastStore::all() const {
    std::vector<WebcastTask> out;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [k, t] : s.tasks) out.push_back(t);
    }
    return out;
}

std::size_t WebcastStore::size() const {
    std::size_t n = 0;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        n += s.tasks.size();
    }
    return n;
}

void WebcastStore::clear() {
    {
        std::lock_guard<std::mutex> lock(ended_mu_);
        ended_.clear();
    }
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        s.tasks.clear();
    }
}

}  // namespace rtc::webcast
