// How the replicas on one Redis keep the console's settings and the fault rules exact while reading them
// from their own memory (docs/replicas.md "Settings"):
// - `epoch` grows with every change of apps, callback settings and fault rules, and every reset; each
//   change's script moves it together with the change (commit()), to at least Redis's TIME in ms so it
//   never goes back, even on a Redis that lost its data.
// - Each replica runs one thread that every ~20 ms (at once when a change is announced on the `changes`
//   stream) heartbeats (`replicas`: name -> Redis TIME ms), reads the epoch, drops its caches when it moved
//   (known() grows, every EpochCache is then stale) and reports the epoch it applied (`seen`).
// - commit() returns once every live replica (heartbeat within 2 s) has seen the change, waiting at most
//   1 s: a change made on one replica is in force on all before its caller hears of it. A replica that has
//   not heartbeat for 900 ms trusts no cache (fresh()), so one that stalls reads Redis until it syncs again.
// - `resets` counts engine resets; a reset made by another replica calls the remote-reset hook.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/state/redis/context.h"

namespace rtc::state::redis {

// A replica whose heartbeat is older than this is not live (it died, stalled or lost Redis).
inline constexpr std::int64_t kReplicaLiveMs = 2000;

class ReplicaSync {
  public:
    explicit ReplicaSync(Context& ctx);
    ~ReplicaSync();
    ReplicaSync(const ReplicaSync&) = delete;
    ReplicaSync& operator=(const ReplicaSync&) = delete;

    // A change script from its body. KEYS[1..4] and ARGV[1] are commit()'s; the body's own keys start at
    // KEYS[5], its arguments at ARGV[2]. The body sets `changed` (bool) and `result` (not nil) and ends with
    // `return finish(changed, result)`. Helper: hset_pairs(key, i) stores ARGV[i] field/value pairs given
    // from ARGV[i+1]; it returns the index after them.
    static std::string change_script(const std::string& body);
    // The change that puts a hash (KEYS[5]) back to the fixture's pairs (ARGV[2..], hset_pairs): the
    // reset of the apps and of the callback settings.
    static const Script& replace_hash_script();
    // Runs a change script (keys and args: the body's own); when it changed something, makes this replica's
    // caches stale and waits for the others' acknowledgement. The body's result.
    Reply commit(const Script& script, std::vector<std::string> keys, std::vector<std::string> args);

    // The epoch every cache must have been loaded at (or after) to be used.
    std::uint64_t known() const { return known_.load(std::memory_order_acquire); }
    // True while this replica heartbeats: its caches can be trusted up to known().
    bool fresh() const;

    // commit() for a reset of this replica's own, whose script's result is the new `resets` count: the
    // thread does not take it for another replica's.
    Reply commit_reset(const Script& script, std::vector<std::string> keys, std::vector<std::string> args);
    // `local` (the engine's own memory) then `hook` (the service's) run on the thread when another replica
    // reset the state.
    void on_remote_reset(std::function<void()> local, std::function<void()> hook);
    void start(std::int64_t resets);
    void stop();

  private:
    void run();
    void tick();
    Reply beat();  // heartbeat, report known(); {epoch, resets}
    Reply eval(const Script& script, std::vector<std::string>& keys, std::vector<std::string>& args);
    Reply settle(const Reply& reply);
    std::vector<std::string> commit_keys() const;  // epoch, replicas, seen, changes
    void raise_known(std::uint64_t epoch);
    void await(std::uint64_t epoch);

    Context& ctx_;
    Client client_;  // the thread's own: its traffic is not the request path's round trips
    std::atomic<std::uint64_t> known_{0};
    std::atomic<std::int64_t> synced_at_ns_{0};  // steady clock when the last heartbeat left
    std::string last_change_id_ = "0-0";
    std::mutex reset_mu_;
    std::int64_t resets_ = 0;  // under reset_mu_
    std::function<void()> local_reset_, hook_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rtc::state::redis
