#include "core/state/redis/deliveries_scripts.h"

namespace rtc::state::redis::deliveries_scripts {

namespace {

// A retry's "attempt when" (dl:ra) as {id, attempt, when}.
constexpr const char* kRetryOf = R"lua(
local function retry_of(id, info)
  local sp = string.find(info, ' ')
  return {id, string.sub(info, 1, sp - 1), string.sub(info, sp + 1)}
end
)lua";

Script with_retry_of(const char* body) {
    return Script{std::string(kRetryOf) + body};
}

}  // namespace

const Script& add() {
    static const Script s{R"lua(
local P, id = ARGV[1], ARGV[2]
local dk = P .. 'dl:d:' .. id
local order = P .. 'dl:order'
local fresh = redis.call('EXISTS', dk) == 0
redis.call('HSET', dk, 'j', ARGV[3], 'a', ARGV[4], 's', ARGV[5], 'h', ARGV[6], 'w', ARGV[7])
if fresh then redis.call('RPUSH', order, id) end
local function in_play(other)
  local f = redis.call('HMGET', P .. 'dl:d:' .. other, 's', 'h', 'w')
  if (tonumber(f[1]) or 0) > 0 or f[2] == '1' or f[3] == '1' then return true end
  return redis.call('HEXISTS', P .. 'dl:ra', other) == 1
end
local cap = tonumber(ARGV[8])
local n = redis.call('LLEN', order)
local i = 0
while n > cap and i + 1 < n do
  local old = redis.call('LINDEX', order, i)
  if old == id or in_play(old) then
    i = i + 1
  else
    redis.call('DEL', P .. 'dl:d:' .. old)
    redis.call('LREM', order, 1, old)
    n = n - 1
  end
end
return n
)lua"};
    return s;
}

const Script& begin_attempt() {
    static const Script s{R"lua(
local P, id = ARGV[1], ARGV[2]
local dk = P .. 'dl:d:' .. id
-- The attempt goes on the wire: a claim of its retry is acknowledged (an unknown delivery ends it too).
if redis.call('ZREM', P .. 'dl:claimed', id) == 1 then redis.call('HDEL', P .. 'dl:ra', id) end
local f = redis.call('HMGET', dk, 'j', 'a', 's', 'h', 'w')
if not f[1] then return false end
local a = math.max(tonumber(f[2]), tonumber(ARGV[3]))
local sending = tonumber(f[3]) + 1
redis.call('HSET', dk, 'a', a, 's', sending)
return {f[1], a, sending, f[4], f[5]}
)lua"};
    return s;
}

const Script& end_attempt() {
    static const Script s{R"lua(
local dk = ARGV[1] .. 'dl:d:' .. ARGV[2]
local sending = tonumber(redis.call('HGET', dk, 's'))
if sending and sending > 0 then redis.call('HINCRBY', dk, 's', -1) end
return 0
)lua"};
    return s;
}

const Script& take_slot() {
    static const Script s{R"lua(
local P, task, id = ARGV[1], ARGV[2], ARGV[3]
local dk = P .. 'dl:d:' .. id
local known = redis.call('EXISTS', dk) == 1
if redis.call('SET', P .. 'dl:slot:' .. task, id, 'NX') then
  if known then redis.call('HSET', dk, 'h', '1') end
  return 1
end
redis.call('RPUSH', P .. 'dl:q:' .. task, id)
if known then redis.call('HSET', dk, 'w', '1') end
return 0
)lua"};
    return s;
}

const Script& release_slot() {
    static const Script s{R"lua(
local P, task = ARGV[1], ARGV[2]
local slot = P .. 'dl:slot:' .. task
local holder = redis.call('GET', slot)
if not holder then return false end
local function set(id, ...)
  local dk = P .. 'dl:d:' .. id
  if redis.call('EXISTS', dk) == 1 then redis.call('HSET', dk, ...) end
end
set(holder, 'h', '0')
local nxt = redis.call('LPOP', P .. 'dl:q:' .. task)
if not nxt then
  redis.call('DEL', slot)
  return false
end
redis.call('SET', slot, nxt)
set(nxt, 'w', '0', 'h', '1')
return nxt
)lua"};
    return s;
}

const Script& drop_waiting() {
    static const Script s{R"lua(
local P = ARGV[1]
local out, cursor = {}, '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[2], 'COUNT', 1000)
  cursor = page[1]
  for _, q in ipairs(page[2]) do
    for _, id in ipairs(redis.call('LRANGE', q, 0, -1)) do
      local dk = P .. 'dl:d:' .. id
      if redis.call('EXISTS', dk) == 1 then redis.call('HSET', dk, 'w', '0') end
      table.insert(out, id)
    end
    redis.call('DEL', q)
  end
until cursor == '0'
return out
)lua"};
    return s;
}

const Script& schedule_retry() {
    static const Script s{R"lua(
local P, id = ARGV[1], ARGV[2]
redis.call('ZREM', P .. 'dl:claimed', id)
redis.call('ZADD', P .. 'dl:due', ARGV[4], id)
redis.call('HSET', P .. 'dl:ra', id, ARGV[3] .. ' ' .. ARGV[4])
return 0
)lua"};
    return s;
}

const Script& claim_due() {
    static const Script s = with_retry_of(R"lua(
local P, now = ARGV[1], ARGV[2]
local lease_end = string.format('%d', tonumber(now) + tonumber(ARGV[3]))
local out = {}
local function take(id)
  redis.call('ZADD', P .. 'dl:claimed', lease_end, id)
  local info = redis.call('HGET', P .. 'dl:ra', id)
  if info then table.insert(out, retry_of(id, info)) end
end
local expired = redis.call('ZRANGEBYSCORE', P .. 'dl:claimed', '-inf', now)
local due = redis.call('ZRANGEBYSCORE', P .. 'dl:due', '-inf', now)
for _, id in ipairs(expired) do take(id) end
for _, id in ipairs(due) do
  redis.call('ZREM', P .. 'dl:due', id)
  take(id)
end
return out
)lua");
    return s;
}

const Script& take_retries() {
    static const Script s = with_retry_of(R"lua(
local P = ARGV[1]
local out = {}
for _, id in ipairs(redis.call('ZRANGE', P .. 'dl:due', 0, -1)) do
  local info = redis.call('HGET', P .. 'dl:ra', id)
  redis.call('HDEL', P .. 'dl:ra', id)
  if info then table.insert(out, retry_of(id, info)) end
end
redis.call('DEL', P .. 'dl:due')
return out
)lua");
    return s;
}

}  // namespace rtc::state::redis::deliveries_scripts
