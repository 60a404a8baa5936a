// Webcast tasks in process memory: a sharded table whose entries hold a task's record (packed: a million
// running tasks must fit in well under a gigabyte) and the heap positions of its timers; each shard has its
// own lock and its own timer heap, so a task's record and its timers always change together under one lock,
// and tasks of different shards never wait for each other. Ended tasks are kept for GetWebCastTask up to
// Tasks.MaxEndedTasks, the oldest forgotten first.
#pragma once

#include <array>
#include <atomic>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/state/memory/interned_names.h"
#include "core/state/memory/task_text.h"
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
    // A task as stored: what it was started with packed (task_text.h), what changes as it runs as it is, and
    // what changes only for some tasks (page checks that hit, refreshes, reschedules, a config timeline, a
    // simulated page's state) out of line, allocated only while any of it is set: entry and map node fit in
    // 112 bytes. A transition unpacks it into a WebcastTask and packs the result back.
    struct Rare {
        std::int32_t freeze_hits = 0, blank_hits = 0, refreshes = 0, reschedules = 0, start_timeouts = 0;
        std::int32_t timeline = -1;
        std::uint32_t timeline_next = 0;
        webcast::SimulatedPage simulated;
    };
    struct Entry {
        TaskText text;
        TimeMs start_time = 0, end_time = 0;
        std::uint64_t generation = 0, instance = 0, version = 0;
        std::array<std::int32_t, kTimers> pos;  // each timer's place in the shard's heap, -1 when not set
        std::unique_ptr<Rare> rare;             // null: every field of Rare as it starts
        webcast::TaskStatus status = webcast::TaskStatus::NotStarted;
        bool capturing = false, start_event_seen = false;
        std::uint8_t claimed = 0;  // timers claimed by claim_due and not yet acknowledged
        Entry() { pos.fill(-1); }
        std::int32_t& timer_pos(int kind) { return pos[static_cast<std::size_t>(kind)]; }
        bool running() const {
            return status == webcast::TaskStatus::NotStarted || status == webcast::TaskStatus::Running;
        }
        void unpack(WebcastTask& out) const;
        // Keeps `task` (the entry's own task, changed by a transition); a new AccountId is kept in `names`.
        void pack(const WebcastTask& task, InternedNames& names);
    };
    // The map's key: where the entry's text (whose encoded key comes first) or a probe's key bytes are.
    // Mutable so a new node's key can point into its own entry.
    struct KeyRef {
        mutable const char* const* at;
    };
    struct KeyHash {
        std::size_t operator()(const KeyRef& k) const noexcept;  // not cached in the node: 8 bytes a task
    };
    struct KeyEq {
        bool operator()(const KeyRef& a, const KeyRef& b) const noexcept {
            return key_at(*a.at) == key_at(*b.at);
        }
    };
    static constexpr std::size_t kShards = 64;
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<KeyRef, Entry, KeyHash, KeyEq> entries;
        TaskTimers<Entry> timers;
        std::atomic<TimeMs> earliest{kNever};  // of `timers`, read without the lock
        // Keeps `earliest` and tells the pump when a timer comes before what it waits for. Under mu.
        void timers_changed(DueWakeup* wakeup);
    };
    class Txn;

    // The key's encoding (encode_key) in a buffer of the calling thread, and its shard.
    // Null when no task of that AppId was ever stored (then there is none), unless `keep` keeps the AppId.
    const char* probe(const std::string& app_id, const std::string& room_id, const std::string& task_id,
                      bool keep = false) const;
    const char* probe(const TaskKey& k) const { return probe(k.app_id, k.room_id, k.task_id); }
    Shard& shard_of(const char* key) const { return shards_[KeyHash{}(KeyRef{&key}) % kShards]; }
    // Stores the step's change of `task` (the entry unpacked): the version moves on, an ended task loses its
    // timers. Under the shard lock.
    void store(Shard& s, Entry& e, WebcastTask& task, Commit commit);
    void note_ended(const TaskKey& key, std::uint64_t generation);

    mutable std::array<Shard, kShards> shards_;
    mutable InternedNames names_;  // the AppIds and AccountIds of the tasks
    std::atomic<DueWakeup*> wakeup_{nullptr};
    const std::size_t max_ended_;
    std::mutex ended_mu_;
    std::deque<std::pair<TaskKey, std::uint64_t>> ended_;
};

}  // namespace rtc::state::memory
