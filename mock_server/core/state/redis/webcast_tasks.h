// Webcast tasks in Redis, shared by every replica on it. A task is a hash (PREFIX wc:t:APP/ROOM/TASK: its
// record, generation, version, running flag and timers; webcast_scripts.cpp); sets of every task key and of
// the running ones (counts()); a sorted set of due timers and one of claimed timers with their lease; a list
// of ended tasks in end order (Tasks.MaxEndedTasks).
//
// A transition reads the hash (one round trip), runs its step here on a copy, and stores it with one compare-
// and-set script (one round trip), which fails if another replica changed the task in between: the step then
// runs again on the newer record. Within a process a striped lock per task key serializes a task's
// transitions (read, step, store, commit), so its effects keep their order.
//
// Timers: claim_due moves due timers to the claimed set with a lease (State.LeaseMs) and takes over claims
// whose lease ended (a replica that died holding them). The claimer remembers its claims: acknowledge() is
// true only for a claim of this process that is still the task's timer (same arming), and the store that
// acknowledges it removes the claim. A claim this process holds is not due for it (next_due); for the other
// replicas it is due when its lease ends.
#pragma once

#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/state/redis/context.h"
#include "core/state/webcast_tasks.h"

namespace rtc::state::redis {

class RedisWebcastTasks final : public WebcastTasks {
  public:
    explicit RedisWebcastTasks(Context& ctx);

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
    // Forgets every claim this process holds (the state was reset: the claimed timers are gone).
    void forget_all_claims();
    void drop_timers() override;

    // A task as its hash holds it (read()).
    struct Stored {
        WebcastTask task;
        std::array<std::optional<std::string>, webcast::kWebcastTimerKinds>
            timers;  // each kind's "WHEN:STAMP:SEQ", if armed
    };
    // A claim this process made: the arming of the timer it claimed.
    struct Claim {
        std::uint64_t generation = 0;
        std::string timer;  // "WHEN:STAMP:SEQ"
    };
    // True when this process holds a claim on exactly that arming of the timer ("" when the record read at
    // `read_version` has none): TaskTxn::acknowledge.
    bool holds(const std::string& member, std::uint64_t generation, const std::string& timer,
               std::uint64_t read_version) const;

  private:
    class Txn;

    std::string hash_key(const std::string& ks) const { return task_prefix_ + ks; }
    std::optional<Stored> read(const std::string& ks) const;
    // The store script of `txn`'s change; the new version, nullopt when the task changed since it was read.
    std::optional<std::uint64_t> store(const std::string& ks, std::uint64_t read_version, const Txn& txn);
    // Forgets this process's claims of the task (it ended, went, or a transition failed midway: a claim left
    // in Redis is then taken over when its lease ends, by this process too).
    void forget_claims(const std::string& ks);
    void forget_claim(const std::string& member);
    std::mutex& stripe(const std::string& ks);

    Context& ctx_;
    const std::string task_prefix_, all_, running_, due_, claimed_, ended_, seq_;
    std::atomic<DueWakeup*> wakeup_{nullptr};
    std::array<std::mutex, 64> stripes_;
    mutable std::mutex claims_mu_;
    mutable std::unordered_map<std::string, Claim> claims_;  // by member "KEY#KIND"
};

// "KEY#KIND", a timer's member in the due and claimed sets.
std::string timer_member(const std::string& ks, int kind);

}  // namespace rtc::state::redis
