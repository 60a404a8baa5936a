// Webcast tasks in process memory: a sharded table whose entries hold a task's record and the heap positions
// of its timers; each shard has its own lock and its own timer heap, so a task's record and its timers always
// change together under one lock, and tasks of different shards never wait for each other. Ended tasks are
// kept for GetWebCastTask up to Tasks.MaxEndedTasks, the oldest forgotten first.
#pragma once

#include <array>
#include <atomic>
#include <deque>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "core/state/memory/task_timers.h"
#include "core/state/webcast_tasks.h"

namespace rtc::state::memory {

class MemoryWebcastTasks final : public WebcastTasks {
  public:
    // `max_ended`: ended tasks kept (0: all).
    explicit MemoryWebcastTasks(std::size_t max_ended) : max_ended_(max_ended) {}

    Created create(const WebcastTask& task, bool restart_ended, Step init, Commit commit) override;
    bool transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, Step step,
                    Commit commit) override;
    std::optional<WebcastTask> get(const TaskKey& key) const override;
    std::vector<ArmedTimer> timers(const TaskKey& key) const override;
    void for_each(FunctionRef<void(const WebcastTask&)> visit) const override;
    Counts counts() const override;
    std::optional<TimeMs> next_due() const override;
    std::vector<DueTimer> claim_due(TimeMs now, std::size_t max) override;
    std::size_t pending_timers() const override;
    void set_wakeup(DueWakeup* wakeup) override { wakeup_.store(wakeup, std::memory_order_release); }
    void clear() override;
    void drop_timers() override;

  private:
    static constexpr int kTimers = webcast::kWebcastTimerKinds;
    static constexpr TimeMs kNever = std::numeric_limits<TimeMs>::max();
    struct Entry {
        const TaskKey* key = nullptr;  // the map's own key (nodes do not move)
        WebcastTask task;
        std::array<std::int32_t, kTimers> pos;  // each timer's place in the shard's heap, -1 when not set
        std::uint8_t claimed = 0;               // timers claimed by claim_due and not yet acknowledged
        Entry() { pos.fill(-1); }
        std::int32_t& timer_pos(int kind) { return pos[static_cast<std::size_t>(kind)]; }
    };
    static constexpr std::size_t kShards = 64;
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<TaskKey, Entry, webcast::TaskKeyHash> entries;
        TaskTimers<Entry> timers;
        std::atomic<TimeMs> earliest{kNever};  // of `timers`, read without the lock
        // Keeps `earliest` and tells the pump when a timer comes before what it waits for. Under mu.
        void timers_changed(DueWakeup* wakeup);
    };
    class Txn;

    Shard& shard_of(const TaskKey& key) const { return shards_[webcast::TaskKeyHash{}(key) % kShards]; }
    // Stores the step's change: the version moves on, an ended task loses its timers. Under the shard lock.
    void store(Shard& s, Entry& e, Commit commit);
    void note_ended(const TaskKey& key, std::uint64_t generation);

    mutable std::array<Shard, kShards> shards_;
    std::atomic<DueWakeup*> wakeup_{nullptr};
    const std::size_t max_ended_;
    std::mutex ended_mu_;
    std::deque<std::pair<TaskKey, std::uint64_t>> ended_;
};

}  // namespace rtc::state::memory
