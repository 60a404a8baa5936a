#include "core/state/redis/replica_sync.h"

#include <algorithm>

#include "core/state/unavailable.h"

namespace rtc::state::redis {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kTick = std::chrono::milliseconds(20);       // heartbeat period
constexpr std::int64_t kLiveMs = kReplicaLiveMs;            // a replica heartbeating within this is live
constexpr std::int64_t kForgetMs = 60000;                   // a replica silent this long is forgotten
constexpr auto kMaxWait = std::chrono::milliseconds(1000);  // a change waits this long for acks at most
// Caches are trusted this long after a heartbeat left: less than kMaxWait, so a replica that stalls stops
// trusting them before a change that gave up waiting for it returns.
constexpr auto kFreshFor = std::chrono::milliseconds(900);

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Redis's TIME in ms, and how many live replicas other than ARGV[1] have not seen epoch `e`
// (KEYS[2]: replicas, KEYS[3]: seen).
const char* const kLaggards = R"(
local function now_ms()
  local t = redis.call('TIME')
  return t[1] * 1000 + math.floor(t[2] / 1000)
end
local function laggards(e)
  local n = 0
  for _, r in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], now_ms() - tonumber(LIVE_MS), '+inf')) do
    if r ~= ARGV[1] and (tonumber(redis.call('HGET', KEYS[3], r)) or 0) < e then n = n + 1 end
  end
  return n
end
)";

std::string with_constants(std::string lua) {
    auto at = lua.find("LIVE_MS");
    if (at != std::string::npos) lua.replace(at, 7, std::to_string(kLiveMs));
    return lua;
}

// KEYS: epoch, replicas, seen, changes; ARGV: self, epoch. The live replicas that have not seen it.
const Script& await_script() {
    static const Script s(with_constants(std::string(kLaggards) + "return laggards(tonumber(ARGV[2]))"));
    return s;
}

// KEYS: epoch, replicas, seen, resets; ARGV: self, epoch applied. Heartbeat, report, forget the long dead;
// {epoch, resets}.
const Script& heartbeat_script() {
    static const Script s(R"(
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZADD', KEYS[2], now, ARGV[1])
local applied = tonumber(ARGV[2])
if (tonumber(redis.call('HGET', KEYS[3], ARGV[1])) or -1) < applied then
  redis.call('HSET', KEYS[3], ARGV[1], applied)
end
for _, r in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - )" +
                          std::to_string(kForgetMs) + R"()) do
  redis.call('ZREM', KEYS[2], r)
  redis.call('HDEL', KEYS[3], r)
end
return {tonumber(redis.call('GET', KEYS[1])) or 0, tonumber(redis.call('GET', KEYS[4])) or 0}
)");
    return s;
}

}  // namespace

ReplicaSync::ReplicaSync(Context& ctx)
    : ctx_(ctx),
      client_(ctx.client.address(), std::chrono::milliseconds(std::max(ctx.options.timeout_ms, 200))) {}

ReplicaSync::~ReplicaSync() {
    stop();
}

std::string ReplicaSync::change_script(const std::string& body) {
    return with_constants(std::string(kLaggards) + R"(
local function hset_pairs(key, i)
  local n = tonumber(ARGV[i])
  for j = 1, n do redis.call('HSET', key, ARGV[i + 2 * j - 1], ARGV[i + 2 * j]) end
  return i + 2 * n + 1
end
local function finish(changed, result)
  if not changed then return {0, 0, result} end
  -- Never below Redis's clock in ms: epochs keep growing even after a Redis that lost its data.
  local e = math.max((tonumber(redis.call('GET', KEYS[1])) or 0) + 1, now_ms())
  redis.call('SET', KEYS[1], e)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', '64', '*', 'e', e)
  return {e, laggards(e), result}
end
local changed = false
local result = 0
)" + body);
}

const Script& ReplicaSync::replace_hash_script() {
    static const Script s(change_script(R"(
redis.call('DEL', KEYS[5])
hset_pairs(KEYS[5], 2)
return finish(true, 1)
)"));
    return s;
}

std::vector<std::string> ReplicaSync::commit_keys() const {
    return {ctx_.key("epoch"), ctx_.key("replicas"), ctx_.key("seen"), ctx_.key("changes")};
}

Reply ReplicaSync::eval(const Script& script, std::vector<std::string>& keys,
                        std::vector<std::string>& args) {
    auto own = commit_keys();
    keys.insert(keys.begin(), own.begin(), own.end());
    args.insert(args.begin(), ctx_.replica);
    return ctx_.client.eval(script, keys, args);
}

Reply ReplicaSync::settle(const Reply& r) {
    const auto epoch = static_cast<std::uint64_t>(r[0].as_int());
    if (epoch > 0) {
        // This replica's caches are stale at once; the thread reports it on its next heartbeat.
        raise_known(epoch);
        if (r[1].as_int() > 0) await(epoch);
    }
    return r[2];
}

void ReplicaSync::raise_known(std::uint64_t epoch) {
    std::uint64_t k = known_.load(std::memory_order_acquire);
    while (k < epoch && !known_.compare_exchange_weak(k, epoch, std::memory_order_acq_rel)) {
    }
}

Reply ReplicaSync::commit(const Script& script, std::vector<std::string> keys,
                          std::vector<std::string> args) {
    return settle(eval(script, keys, args));
}

Reply ReplicaSync::commit_reset(const Script& script, std::vector<std::string> keys,
                                std::vector<std::string> args) {
    Reply r;
    {
        // Not across the wait: the thread takes this lock before it acknowledges.
        std::lock_guard<std::mutex> lock(reset_mu_);
        r = eval(script, keys, args);
        resets_ = std::max(resets_, r[2].as_int());
    }
    return settle(r);
}

void ReplicaSync::await(std::uint64_t epoch) {
    const auto deadline = Clock::now() + kMaxWait;
    auto pause = std::chrono::microseconds(200);
    const auto keys = commit_keys();
    while (Clock::now() < deadline) {
        std::this_thread::sleep_for(pause);
        if (ctx_.client.eval(await_script(), keys, {ctx_.replica, std::to_string(epoch)}).as_int() == 0)
            return;
        pause = std::min(pause * 2, std::chrono::microseconds(4000));
    }
    // A replica that never answered is taken for dead; it trusts no cache of its own meanwhile (fresh()).
}

bool ReplicaSync::fresh() const {
    return now_ns() - synced_at_ns_.load(std::memory_order_acquire) <
           std::chrono::duration_cast<std::chrono::nanoseconds>(kFreshFor).count();
}

void ReplicaSync::on_remote_reset(std::function<void()> local, std::function<void()> hook) {
    std::lock_guard<std::mutex> lock(mu_);
    if (local) local_reset_ = std::move(local);
    if (hook) hook_ = std::move(hook);
}

void ReplicaSync::start(std::int64_t resets) {
    {
        std::lock_guard<std::mutex> lock(reset_mu_);
        resets_ = std::max(resets_, resets);
    }
    // Live (changes wait for this replica) before the engine serves anything.
    beat();
    thread_ = std::thread([this] { run(); });
}

void ReplicaSync::stop() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (!thread_.joinable()) return;
    thread_.join();
    try {
        // Gone: no change waits for this replica any more.
        client_.pipeline(
            {{"ZREM", ctx_.key("replicas"), ctx_.replica}, {"HDEL", ctx_.key("seen"), ctx_.replica}});
    } catch (const std::exception&) {
        // Redis is away: the heartbeat ages out.
    }
}

void ReplicaSync::run() {
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (stopping_) return;
        }
        try {
            tick();
        } catch (const std::exception&) {
            // Redis away or stalled: no heartbeat, so fresh() goes false and reads go to Redis (and fail
            // closed) until a tick succeeds again.
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait_for(lock, kTick, [this] { return stopping_; });
        }
    }
}

Reply ReplicaSync::beat() {
    const auto sent = now_ns();
    Reply r = client_.eval(heartbeat_script(),
                           {ctx_.key("epoch"), ctx_.key("replicas"), ctx_.key("seen"), ctx_.key("resets")},
                           {ctx_.replica, std::to_string(known())});
    synced_at_ns_.store(sent, std::memory_order_release);
    return r;
}

void ReplicaSync::tick() {
    Reply r = beat();
    // A reset by another replica: this one drops what it holds in memory before it acknowledges the
    // reset's epoch, so the reset is complete everywhere when the replica that made it answers.
    bool remote_reset = false;
    {
        std::lock_guard<std::mutex> lock(reset_mu_);
        if (r[1].as_int() > resets_) {
            resets_ = r[1].as_int();
            remote_reset = true;
        }
    }
    if (remote_reset) {
        std::function<void()> local, hook;
        {
            std::lock_guard<std::mutex> lock(mu_);
            local = local_reset_;
            hook = hook_;
        }
        if (local) local();
        if (hook) hook();
    }
    const auto epoch = static_cast<std::uint64_t>(r[0].as_int());
    if (epoch > known()) {
        // Drop the caches (every cache older than `epoch` is stale from now on), then say so.
        raise_known(epoch);
        beat();
    }
    // Until the next tick, or at once when a change is announced.
    Reply changes = client_.call({"XREAD", "COUNT", "64", "BLOCK", std::to_string(kTick.count()), "STREAMS",
                                  ctx_.key("changes"), last_change_id_});
    if (!changes.nil() && changes.size() > 0 && changes[0].size() > 1 && changes[0][1].size() > 0) {
        const auto& entries = changes[0][1];
        last_change_id_ = entries[entries.size() - 1][0].str;
    }
}

}  // namespace rtc::state::redis
