#include "core/state/memory/webcast_table.h"

#include <algorithm>

namespace rtc::state::memory {

// A transition's view of an entry, under its shard's lock: timers change in the shard's heap at once.
class MemoryWebcastTasks::Txn final : public TaskTxn {
  public:
    Txn(Shard& s, Entry& e, DueWakeup* wakeup) : s_(s), e_(e), wakeup_(wakeup) {}
    WebcastTask& task() override { return e_.task; }
    void arm(WebcastTimer timer, TimeMs when) override {
        e_.claimed &= static_cast<std::uint8_t>(~bit(timer));
        s_.timers.set(e_, static_cast<int>(timer), when);
        s_.timers_changed(wakeup_);
    }
    void cancel(WebcastTimer timer) override {
        e_.claimed &= static_cast<std::uint8_t>(~bit(timer));
        s_.timers.cancel(e_, static_cast<int>(timer));
        s_.timers_changed(nullptr);
    }
    bool acknowledge(WebcastTimer timer) override {
        const bool claimed = (e_.claimed & bit(timer)) != 0;
        e_.claimed &= static_cast<std::uint8_t>(~bit(timer));
        return claimed;
    }

  private:
    static std::uint8_t bit(WebcastTimer t) { return static_cast<std::uint8_t>(1u << static_cast<int>(t)); }
    Shard& s_;
    Entry& e_;
    DueWakeup* wakeup_;
};

void MemoryWebcastTasks::Shard::timers_changed(DueWakeup* wakeup) {
    const TimeMs first = timers.empty() ? kNever : timers.top().when;
    const TimeMs before = earliest.exchange(first, std::memory_order_acq_rel);
    if (wakeup && first < before) wakeup->due_at(first);
}

void MemoryWebcastTasks::store(Shard& s, Entry& e, Commit commit) {
    ++e.task.version;
    if (!e.task.running()) {
        // An ended task has no timers (and no claim left to acknowledge).
        for (int k = 0; k < kTimers; ++k) s.timers.cancel(e, k);
        e.claimed = 0;
        s.timers_changed(nullptr);
    }
    commit(e.task);
}

MemoryWebcastTasks::Created MemoryWebcastTasks::create(const WebcastTask& task, bool restart_ended, Step init,
                                                       Commit commit) {
    const TaskKey key = webcast::key_of(task.spec);
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    std::uint64_t generation = 1, version = 0;
    if (it != s.entries.end()) {
        if (it->second.task.running()) return Created::AlreadyRunning;
        if (!restart_ended) return Created::EndedNotRestartable;
        generation = it->second.task.generation + 1;
        version = it->second.task.version;
    } else {
        it = s.entries.emplace(key, Entry{}).first;
    }
    Entry& e = it->second;
    e.key = &it->first;
    e.task = task;
    e.task.generation = generation;
    e.task.version = version;
    Txn txn(s, e, wakeup_.load(std::memory_order_acquire));
    init(txn);
    store(s, e, commit);
    return Created::Created;
}

bool MemoryWebcastTasks::transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                                    Step step, Commit commit) {
    Shard& s = shard_of(key);
    bool ended = false;
    std::uint64_t stored_generation = 0;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(key);
        if (it == s.entries.end()) return false;
        Entry& e = it->second;
        if (!e.task.running() || (generation && e.task.generation != generation) ||
            (instance && e.task.instance != instance))
            return false;
        Txn txn(s, e, wakeup_.load(std::memory_order_acquire));
        step(txn);
        store(s, e, commit);
        ended = !e.task.running();
        stored_generation = e.task.generation;
    }
    if (ended) note_ended(key, stored_generation);
    return true;
}

std::optional<WebcastTask> MemoryWebcastTasks::get(const TaskKey& key) const {
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return std::nullopt;
    return it->second.task;
}

std::vector<ArmedTimer> MemoryWebcastTasks::timers(const TaskKey& key) const {
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    std::vector<ArmedTimer> out;
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return out;
    for (int kind = 0; kind < kTimers; ++kind)
        if (const auto pos = it->second.pos[static_cast<std::size_t>(kind)]; pos >= 0)
            out.push_back({static_cast<WebcastTimer>(kind), s.timers.when_at(pos)});
    return out;
}

void MemoryWebcastTasks::for_each(FunctionRef<void(const WebcastTask&)> visit) const {
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [k, e] : s.entries) visit(e.task);
    }
}

MemoryWebcastTasks::Counts MemoryWebcastTasks::counts() const {
    Counts c;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        c.stored += s.entries.size();
        for (const auto& [k, e] : s.entries) c.running += e.task.running() ? 1 : 0;
    }
    return c;
}

std::optional<TimeMs> MemoryWebcastTasks::next_due() const {
    TimeMs first = kNever;
    for (const auto& s : shards_) first = std::min(first, s.earliest.load(std::memory_order_acquire));
    if (first == kNever) return std::nullopt;
    return first;
}

std::vector<DueTimer> MemoryWebcastTasks::claim_due(TimeMs now, std::size_t max) {
    std::vector<DueTimer> out;
    while (out.size() < max) {
        // The shard with the earliest timer, and the earliest of the others: its timers up to that instant
        // come out in time order across shards.
        std::size_t best = kShards;
        TimeMs first = kNever, second = kNever;
        for (std::size_t i = 0; i < kShards; ++i) {
            const TimeMs t = shards_[i].earliest.load(std::memory_order_acquire);
            if (t < first) {
                second = first;
                first = t;
                best = i;
            } else if (t < second) {
                second = t;
            }
        }
        if (best == kShards || first > now) break;
        Shard& s = shards_[best];
        std::lock_guard<std::mutex> lock(s.mu);
        while (out.size() < max && !s.timers.empty() && s.timers.top().when <= now &&
               s.timers.top().when <= second) {
            auto slot = s.timers.pop();
            Entry& e = *slot.owner;
            e.claimed |= static_cast<std::uint8_t>(1u << slot.kind);
            out.push_back(
                DueTimer{*e.key, e.task.generation, static_cast<WebcastTimer>(slot.kind), slot.when});
        }
        s.timers_changed(nullptr);
    }
    return out;
}

std::size_t MemoryWebcastTasks::pending_timers() const {
    std::size_t n = 0;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        n += s.timers.size();
    }
    return n;
}

void MemoryWebcastTasks::note_ended(const TaskKey& key, std::uint64_t generation) {
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
        auto it = s.entries.find(k);
        // A task started again under the same key since then is another generation: it stays.
        if (it != s.entries.end() && !it->second.task.running() && it->second.task.generation == gen)
            s.entries.erase(it);
    }
}

void MemoryWebcastTasks::clear() {
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        s.timers.clear();
        s.timers_changed(nullptr);
        s.entries.clear();
    }
    std::lock_guard<std::mutex> lock(ended_mu_);
    ended_.clear();
}

void MemoryWebcastTasks::drop_timers() {
    // Not one by one: a million timers would take seconds.
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        s.timers.clear();
        s.timers_changed(nullptr);
    }
}

}  // namespace rtc::state::memory
