#include "core/state/redis/webcast_tasks.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "core/state/codec/webcast_json.h"
#include "core/state/redis/scan_delete.h"
#include "core/state/redis/task_key.h"
#include "core/state/redis/webcast_scripts.h"
#include "core/state/unavailable.h"

namespace rtc::state::redis {

using webcast_scripts::kTimers;

namespace {

// The record as the hash keeps it: without what the engine keeps beside it.
std::string record_text(const WebcastTask& task) {
    nlohmann::json j = codec::encode(task);
    j.erase(codec::kGenerationField);
    j.erase(codec::kVersionField);
    return j.dump();
}

TimeMs when_of(const std::string& timer) {
    return std::strtoll(timer.c_str(), nullptr, 10);  // "WHEN:STAMP:SEQ"
}

// The kinds of the timers a step changed: cancelled or spent ones first, then those it armed in the order it
// armed them (which the scripts number, so timers due at one instant run in arming order).
template <typename Slots>
std::vector<int> changed_kinds(const Slots& slots) {
    std::vector<int> kinds;
    for (int k = 0; k < kTimers; ++k) {
        const auto& s = slots[static_cast<std::size_t>(k)];
        if ((s.changed || s.acked) && !s.when) kinds.push_back(k);
    }
    const std::size_t cancelled = kinds.size();
    for (int k = 0; k < kTimers; ++k)
        if (slots[static_cast<std::size_t>(k)].when && slots[static_cast<std::size_t>(k)].changed)
            kinds.push_back(k);
    std::sort(kinds.begin() + static_cast<std::ptrdiff_t>(cancelled), kinds.end(), [&](int a, int b) {
        return slots[static_cast<std::size_t>(a)].order < slots[static_cast<std::size_t>(b)].order;
    });
    return kinds;
}

}  // namespace

std::string timer_member(const std::string& ks, int kind) {
    return ks + "#" + std::to_string(kind);
}

// A transition's view of a task read from Redis: the step changes a copy, and its timers here; store() sends
// what changed.
class RedisWebcastTasks::Txn final : public TaskTxn {
  public:
    struct Slot {
        std::optional<TimeMs> when;
        bool changed = false;  // armed or cancelled by this step
        bool acked = false;    // its claim acknowledged by this step (the timer is spent)
        int order = 0;         // when armed by this step: its place among the step's armings (1, 2, ...)
    };

    Txn(const RedisWebcastTasks& owner, std::string ks, Stored stored)
        : owner_(owner), ks_(std::move(ks)), read_(std::move(stored)) {
        task_ = read_.task;
        for (int k = 0; k < kTimers; ++k)
            if (const auto& t = read_.timers[static_cast<std::size_t>(k)])
                slots_[static_cast<std::size_t>(k)].when = when_of(*t);
    }
    WebcastTask& task() override { return task_; }
    void arm(WebcastTimer timer, TimeMs when) override {
        Slot& s = slot(timer);
        s.when = when;
        s.changed = true;
        s.order = ++armed_;
    }
    void cancel(WebcastTimer timer) override {
        Slot& s = slot(timer);
        s.when.reset();
        s.changed = true;
        s.order = 0;
    }
    bool acknowledge(WebcastTimer timer) override {
        Slot& s = slot(timer);
        if (s.changed || s.acked) return false;
        const auto& read = read_.timers[static_cast<std::size_t>(timer)];
        if (!owner_.holds(timer_member(ks_, static_cast<int>(timer)), read_.task.generation,
                          read ? *read : "", read_.task.version))
            return false;
        s.acked = true;
        s.when.reset();
        return true;
    }

    const std::array<Slot, kTimers>& slots() const { return slots_; }
    const WebcastTask& record() const { return task_; }
    std::uint64_t read_version() const { return read_.task.version; }

  private:
    Slot& slot(WebcastTimer t) { return slots_[static_cast<std::size_t>(t)]; }

    const RedisWebcastTasks& owner_;
    const std::string ks_;
    const Stored read_;
    WebcastTask task_;
    std::array<Slot, kTimers> slots_;
    int armed_ = 0;
};

RedisWebcastTasks::RedisWebcastTasks(Context& ctx)
    : ctx_(ctx),
      task_prefix_(ctx.key("wc:t:")),
      all_(ctx.key("wc:all")),
      running_(ctx.key("wc:run")),
      due_(ctx.key("wc:due")),
      claimed_(ctx.key("wc:claimed")),
      ended_(ctx.key("wc:ended")),
      seq_(ctx.key("wc:seq")) {}

std::mutex& RedisWebcastTasks::stripe(const std::string& ks) {
    return stripes_[std::hash<std::string>{}(ks) % stripes_.size()];
}

std::optional<RedisWebcastTasks::Stored> RedisWebcastTasks::read(const std::string& ks) const {
    Args cmd{"HMGET", hash_key(ks), "r", "g", "v"};
    for (int k = 0; k < kTimers; ++k) cmd.push_back("t" + std::to_string(k));
    const Reply r = ctx_.client.call(cmd);
    if (r.kind != Reply::Kind::Array || r.size() != 3 + kTimers)
        throw std::runtime_error("redis HMGET: bad reply");
    if (r[0].nil()) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(r[0].str);
    j[codec::kGenerationField] = static_cast<std::uint64_t>(r[1].as_int());
    j[codec::kVersionField] = static_cast<std::uint64_t>(r[2].as_int());
    Stored s{codec::decode_webcast_task(j), {}};
    for (int k = 0; k < kTimers; ++k)
        if (!r[3 + static_cast<std::size_t>(k)].nil())
            s.timers[static_cast<std::size_t>(k)] = r[3 + static_cast<std::size_t>(k)].str;
    return s;
}

RedisWebcastTasks::Created RedisWebcastTasks::create(const WebcastTask& task, bool restart_ended, Step init,
                                                     Commit commit) {
    const std::string ks = key_string(webcast::key_of(task.spec));
    std::lock_guard<std::mutex> lock(stripe(ks));
    // init runs for the generation the task is expected to get: 1, unless the script says an ended task of
    // that key makes it the next one (then init runs again for it: a second round trip, on restarts only).
    std::uint64_t generation = 1;
    for (;;) {
        Stored fresh{task, {}};
        fresh.task.generation = generation;
        fresh.task.version = 0;
        Txn txn(*this, ks, fresh);
        init(txn);
        Args args{ks, restart_ended ? "1" : "0", record_text(txn.record()), std::to_string(generation), ""};
        int n = 0;
        for (int k : changed_kinds(txn.slots())) {
            args.push_back(std::to_string(k));
            args.push_back(std::to_string(*txn.slots()[static_cast<std::size_t>(k)].when));
            ++n;
        }
        args[4] = std::to_string(n);
        const Reply r =
            ctx_.client.eval(webcast_scripts::kCreate, {hash_key(ks), all_, running_, due_, seq_}, args);
        switch (r[0].as_int()) {
            case 0: {
                forget_claims(ks);  // of an earlier generation
                WebcastTask stored = txn.task();
                stored.generation = static_cast<std::uint64_t>(r[1].as_int());
                stored.version = static_cast<std::uint64_t>(r[2].as_int());
                if (auto* w = wakeup_.load(std::memory_order_acquire))
                    for (const auto& s : txn.slots())
                        if (s.when) w->due_at(*s.when);
                commit(stored);
                return Created::Created;
            }
            case 1:
                return Created::AlreadyRunning;
            case 2:
                return Created::EndedNotRestartable;
            default:
                generation = static_cast<std::uint64_t>(r[1].as_int());
        }
    }
}

std::optional<std::uint64_t> RedisWebcastTasks::store(const std::string& ks, std::uint64_t read_version,
                                                      const Txn& txn) {
    const bool running = txn.record().running();
    Args args{ks,
              std::to_string(read_version),
              record_text(txn.record()),
              running ? "1" : "0",
              task_prefix_,
              std::to_string(ctx_.settings.max_ended_tasks),
              ""};
    int n = 0;
    for (int k : changed_kinds(txn.slots())) {
        const auto& when = txn.slots()[static_cast<std::size_t>(k)].when;
        args.push_back(std::to_string(k));
        args.push_back(when ? std::to_string(*when) : "");
        ++n;
    }
    args[6] = std::to_string(n);
    const Reply r = ctx_.client.eval(webcast_scripts::kStore,
                                     {hash_key(ks), all_, running_, due_, claimed_, ended_, seq_}, args);
    if (r.as_int() < 0) return std::nullopt;
    return static_cast<std::uint64_t>(r.as_int());
}

bool RedisWebcastTasks::transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                                   Step step, Commit commit) {
    const std::string ks = key_string(key);
    std::lock_guard<std::mutex> lock(stripe(ks));
    std::optional<Txn> txn;
    try {
        for (;;) {
            auto stored = read(ks);
            if (!stored || !stored->task.running()) {
                forget_claims(ks);
                return false;
            }
            if ((generation && stored->task.generation != generation) ||
                (instance && stored->task.instance != instance))
                return false;
            txn.emplace(*this, ks, std::move(*stored));
            step(*txn);
            if (auto version = store(ks, txn->read_version(), *txn)) {
                txn->task().version = *version;
                break;
            }
            // Another replica changed the task since it was read: the step runs again on the newer record.
        }
    } catch (const Unavailable&) {
        forget_claims(ks);
        throw;
    }
    if (!txn->task().running()) {
        forget_claims(ks);
    } else {
        for (int k = 0; k < kTimers; ++k) {
            const Txn::Slot& s = txn->slots()[static_cast<std::size_t>(k)];
            if (s.changed || s.acked) forget_claim(timer_member(ks, k));
        }
        if (auto* w = wakeup_.load(std::memory_order_acquire))
            for (const auto& s : txn->slots())
                if (s.changed && s.when) w->due_at(*s.when);
    }
    commit(txn->task());
    return true;
}

std::vector<ArmedTimer> RedisWebcastTasks::timers(const TaskKey& key) const {
    std::vector<ArmedTimer> out;
    auto stored = read(key_string(key));
    if (!stored || !stored->task.running()) return out;
    for (int k = 0; k < kTimers; ++k)
        if (const auto& t = stored->timers[static_cast<std::size_t>(k)])
            out.push_back({static_cast<WebcastTimer>(k), when_of(*t)});
    return out;
}

std::optional<WebcastTask> RedisWebcastTasks::get(const TaskKey& key) const {
    auto stored = read(key_string(key));
    if (!stored) return std::nullopt;
    return std::move(stored->task);
}

void RedisWebcastTasks::for_each(FunctionRef<void(const WebcastTask&)> visit) const {
    const Reply keys = ctx_.client.call({"SMEMBERS", all_});
    constexpr std::size_t kBatch = 512;
    for (std::size_t i = 0; i < keys.size(); i += kBatch) {
        std::vector<Args> reads;
        for (std::size_t k = i; k < keys.size() && k < i + kBatch; ++k)
            reads.push_back({"HMGET", hash_key(keys[k].str), "r", "g", "v"});
        for (const Reply& r : ctx_.client.pipeline(reads)) {
            if (r[0].nil()) continue;  // forgotten since the list was read
            nlohmann::json j = nlohmann::json::parse(r[0].str);
            j[codec::kGenerationField] = static_cast<std::uint64_t>(r[1].as_int());
            j[codec::kVersionField] = static_cast<std::uint64_t>(r[2].as_int());
            visit(codec::decode_webcast_task(j));
        }
    }
}

RedisWebcastTasks::Counts RedisWebcastTasks::counts() const {
    const auto r = ctx_.client.pipeline({{"SCARD", all_}, {"SCARD", running_}});
    return Counts{static_cast<std::size_t>(r[0].as_int()), static_cast<std::size_t>(r[1].as_int())};
}

void RedisWebcastTasks::clear() {
    delete_prefixed(ctx_.client, ctx_.key("wc:"));
    forget_all_claims();
}

void RedisWebcastTasks::forget_all_claims() {
    std::lock_guard<std::mutex> lock(claims_mu_);
    claims_.clear();
}

bool RedisWebcastTasks::holds(const std::string& member, std::uint64_t generation, const std::string& timer,
                              std::uint64_t read_version) const {
    std::lock_guard<std::mutex> lock(claims_mu_);
    auto it = claims_.find(member);
    if (it == claims_.end()) return false;
    if (!timer.empty() && it->second.generation == generation && it->second.timer == timer) return true;
    // A claim on an arming the task has gone past (acknowledged by another replica, moved, cancelled, a newer
    // generation) can never be acknowledged: forget it. One on an arming newer than the record read stays.
    const auto colon = it->second.timer.find(':');
    const std::uint64_t stamp = std::strtoull(it->second.timer.c_str() + colon + 1, nullptr, 10);
    if (it->second.generation < generation || read_version >= stamp) claims_.erase(it);
    return false;
}

void RedisWebcastTasks::forget_claims(const std::string& ks) {
    std::lock_guard<std::mutex> lock(claims_mu_);
    if (claims_.empty()) return;
    for (int k = 0; k < kTimers; ++k) claims_.erase(timer_member(ks, k));
}

void RedisWebcastTasks::forget_claim(const std::string& member) {
    std::lock_guard<std::mutex> lock(claims_mu_);
    if (!claims_.empty()) claims_.erase(member);
}

}  // namespace rtc::state::redis
