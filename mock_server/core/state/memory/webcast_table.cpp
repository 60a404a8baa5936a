#include "core/state/memory/webcast_table.h"

#include <algorithm>
#include <optional>
#include <string>

namespace rtc::state::memory {

// A transition's view of an entry, under its shard's lock: timers change in the shard's heap at once.
class MemoryWebcastTasks::Txn final : public TaskTxn {
  public:
    Txn(Shard& s, Entry& e, WebcastTask& task, DueWakeup* wakeup)
        : s_(s), e_(e), task_(task), wakeup_(wakeup) {}
    WebcastTask& task() override { return task_; }
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
    WebcastTask& task_;
    DueWakeup* wakeup_;
};

namespace {

// The WebcastTask a transition changes: one per thread, its strings' capacity kept from task to task, so
// unpacking an entry allocates nothing once warm. A nested use (none today) gets its own.
class Scratch {
  public:
    Scratch() : task_(busy_ ? own_.emplace() : shared_), owner_(!busy_) { busy_ = true; }
    ~Scratch() {
        if (owner_) busy_ = false;
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    WebcastTask& task() { return task_; }

  private:
    static thread_local WebcastTask shared_;
    static thread_local bool busy_;
    std::optional<WebcastTask> own_;
    WebcastTask& task_;
    const bool owner_;
};

thread_local WebcastTask Scratch::shared_;
thread_local bool Scratch::busy_ = false;

}  // namespace

void MemoryWebcastTasks::Entry::unpack(WebcastTask& t) const {
    text.unpack(t);
    t.start_time = start_time;
    t.end_time = end_time;
    t.status = status;
    t.page.capturing = capturing;
    t.page.start_event_seen = start_event_seen;
    const Rare r = rare ? *rare : Rare{};
    t.page.freeze_hits = r.freeze_hits;
    t.page.blank_hits = r.blank_hits;
    t.page.refreshes = r.refreshes;
    t.page.reschedules = r.reschedules;
    t.page.start_timeouts = r.start_timeouts;
    t.page.simulated = r.simulated;
    t.timeline = r.timeline;
    t.timeline_next = r.timeline_next;
    t.generation = generation;
    t.instance = instance;
    t.version = version;
}

void MemoryWebcastTasks::Entry::pack(const WebcastTask& t, InternedNames& names) {
    if (!text.same(t)) text = TaskText(text.key(), names.intern(t.account_id), t);
    start_time = t.start_time;
    end_time = t.end_time;
    status = t.status;
    capturing = t.page.capturing;
    start_event_seen = t.page.start_event_seen;
    const webcast::PageState& p = t.page;
    const Rare r{p.freeze_hits,    p.blank_hits, p.refreshes,     p.reschedules,
                 p.start_timeouts, t.timeline,   t.timeline_next, p.simulated};
    const Rare none;
    const bool plain = r.freeze_hits == none.freeze_hits && r.blank_hits == none.blank_hits &&
                       r.refreshes == none.refreshes && r.reschedules == none.reschedules &&
                       r.start_timeouts == none.start_timeouts && r.timeline == none.timeline &&
                       r.timeline_next == none.timeline_next && !r.simulated.frozen && !r.simulated.blank &&
                       !r.simulated.crashed;
    if (plain)
        rare.reset();
    else if (rare)
        *rare = r;
    else
        rare = std::make_unique<Rare>(r);
    generation = t.generation;
    instance = t.instance;
    version = t.version;
}

std::size_t MemoryWebcastTasks::KeyHash::operator()(const KeyRef& k) const noexcept {
    return std::hash<std::string_view>{}(key_at(*k.at));
}

const char* MemoryWebcastTasks::probe(const std::string& app_id, const std::string& room_id,
                                      const std::string& task_id, bool keep) const {
    const std::string* app = keep ? names_.intern(app_id) : names_.find(app_id);
    if (!app) return nullptr;
    thread_local std::string buf;
    buf.clear();
    encode_key(app, room_id, task_id, buf);
    return buf.data();
}

void MemoryWebcastTasks::Shard::timers_changed(DueWakeup* wakeup) {
    const TimeMs first = timers.empty() ? kNever : timers.top().when;
    const TimeMs before = earliest.exchange(first, std::memory_order_acq_rel);
    if (wakeup && first < before) wakeup->due_at(first);
}

void MemoryWebcastTasks::store(Shard& s, Entry& e, WebcastTask& task, Commit commit) {
    ++task.version;
    if (!task.running()) {
        // An ended task has no timers (and no claim left to acknowledge).
        for (int k = 0; k < kTimers; ++k) s.timers.cancel(e, k);
        e.claimed = 0;
        s.timers_changed(nullptr);
    }
    e.pack(task, names_);
    commit(task);
}

MemoryWebcastTasks::Created MemoryWebcastTasks::create(const WebcastTask& task, bool restart_ended, Step init,
                                                       Commit commit) {
    const char* key = probe(task.spec.app_id, task.spec.room_id, task.spec.task_id, true);
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(KeyRef{&key});
    std::uint64_t generation = 1, version = 0;
    if (it != s.entries.end()) {
        if (it->second.running()) return Created::AlreadyRunning;
        if (!restart_ended) return Created::EndedNotRestartable;
        generation = it->second.generation + 1;
        version = it->second.version;
        // A new start may say other things.
        it->second.text = TaskText(key_at(key), names_.intern(task.account_id), task);
    } else {
        TaskText text(key_at(key), names_.intern(task.account_id), task);
        it = s.entries.try_emplace(KeyRef{&key}).first;
        it->second.text = std::move(text);
        it->first.at = it->second.text.data_slot();  // same bytes: the node stays where it hashed
    }
    Entry& e = it->second;
    Scratch scratch;
    WebcastTask& t = scratch.task();
    t = task;
    t.generation = generation;
    t.version = version;
    Txn txn(s, e, t, wakeup_.load(std::memory_order_acquire));
    init(txn);
    store(s, e, t, commit);
    return Created::Created;
}

bool MemoryWebcastTasks::transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                                    Step step, Commit commit) {
    const char* probed = probe(key);
    if (!probed) return false;
    Shard& s = shard_of(probed);
    bool ended = false;
    std::uint64_t stored_generation = 0;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(KeyRef{&probed});
        if (it == s.entries.end()) return false;
        Entry& e = it->second;
        if (!e.running() || (generation && e.generation != generation) ||
            (instance && e.instance != instance))
            return false;
        Scratch scratch;
        WebcastTask& t = scratch.task();
        e.unpack(t);
        Txn txn(s, e, t, wakeup_.load(std::memory_order_acquire));
        step(txn);
        store(s, e, t, commit);
        ended = !e.running();
        stored_generation = e.generation;
    }
    if (ended) note_ended(key, stored_generation);
    return true;
}

std::optional<WebcastTask> MemoryWebcastTasks::get(const TaskKey& key) const {
    const char* probed = probe(key);
    if (!probed) return std::nullopt;
    Shard& s = shard_of(probed);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(KeyRef{&probed});
    if (it == s.entries.end()) return std::nullopt;
    std::optional<WebcastTask> out(std::in_place);
    it->second.unpack(*out);
    return out;
}

std::vector<ArmedTimer> MemoryWebcastTasks::timers(const TaskKey& key) const {
    std::vector<ArmedTimer> out;
    const char* probed = probe(key);
    if (!probed) return out;
    Shard& s = shard_of(probed);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(KeyRef{&probed});
    if (it == s.entries.end()) return out;
    for (int kind = 0; kind < kTimers; ++kind)
        if (const auto pos = it->second.pos[static_cast<std::size_t>(kind)]; pos >= 0)
            out.push_back({static_cast<WebcastTimer>(kind), s.timers.when_at(pos)});
    return out;
}

void MemoryWebcastTasks::for_each(FunctionRef<void(const WebcastTask&)> visit) const {
    WebcastTask t;  // reused: its strings keep their capacity from task to task
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [k, e] : s.entries) {
            e.unpack(t);
            visit(t);
        }
    }
}

MemoryWebcastTasks::Counts MemoryWebcastTasks::counts() const {
    Counts c;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        c.stored += s.entries.size();
        for (const auto& [k, e] : s.entries) c.running += e.running() ? 1 : 0;
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
            e.claimed |= static_cast<std::uint8_t>(1u << slot.kind());
            out.push_back(
                DueTimer{e.text.task_key(), e.generation, static_cast<WebcastTimer>(slot.kind()), slot.when});
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
        const char* probed = probe(k);
        if (!probed) continue;
        Shard& s = shard_of(probed);
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(KeyRef{&probed});
        // A task started again under the same key since then is another generation: it stays.
        if (it != s.entries.end() && !it->second.running() && it->second.generation == gen)
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
