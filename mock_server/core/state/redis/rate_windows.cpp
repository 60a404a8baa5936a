#include "core/state/redis/rate_windows.h"

#include "core/state/redis/key_scan.h"

namespace rtc::state::redis {

namespace {

// KEYS: the window's sorted set, the members' counter. ARGV: limit, window_ms, now ("" for Redis's TIME).
//
// The instant is Redis's own TIME (State.RateClock "server", the default), so replicas need no synchronised
// clocks; or the caller's `now` ("replica": the service clock, which the admin clock and a test's virtual
// clock move). Either way a request is counted no earlier than the newest admitted one (a replica whose clock
// lags counts at the newest instant), so no window of the recorded instants ever holds more than `limit`. A
// clock set back by more than a window (a virtual clock moved) starts the key afresh.
//
// Members are unique (instant and a counter), so requests in one ms are each counted. A refusal adds
// nothing. The key expires a while after its last admission (only to bound memory: a key with nothing in its
// window is the same as none; the slack covers a virtual clock that stands still in real time).
const Script& admit_script() {
    static const Script s{R"lua(
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = tonumber(ARGV[3])
if not t then
  local now = redis.call('TIME')
  t = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
end
local newest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if newest[2] then
  local n = tonumber(newest[2])
  if t < n - window then
    redis.call('DEL', KEYS[1])
  elseif t < n then
    t = n
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', t - window))
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local frees = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  return {0, tonumber(frees[2]) + window - t}
end
local id = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], string.format('%d', t), string.format('%d-%d', t, id))
redis.call('PEXPIRE', KEYS[1], window + 60000)
return {1, 0}
)lua"};
    return s;
}

}  // namespace

Admission RedisRateWindows::admit(std::string_view key, int limit, std::int64_t window_ms, TimeMs now) {
    if (limit <= 0) return Admission{true, 0, 0};
    std::string k = ctx_.key("rl:");
    k.append(key);
    auto r = ctx_.client.eval(
        admit_script(), {k, ctx_.key("rl-n")},
        {std::to_string(limit), std::to_string(window_ms),
         ctx_.options.rate_clock == StateSettings::RateClock::Server ? std::string() : std::to_string(now)});
    return Admission{r[0].as_int() == 1, limit, r[1].as_int()};
}

void RedisRateWindows::clear() {
    delete_keys(ctx_, keys_under(ctx_, "rl:"));
}

std::size_t RedisRateWindows::tracked_keys() const {
    return count_keys(ctx_, keys_under(ctx_, "rl:"));
}

}  // namespace rtc::state::redis
