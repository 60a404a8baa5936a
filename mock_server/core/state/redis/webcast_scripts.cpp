#include "core/state/redis/webcast_scripts.h"

#include "core/models/webcast.h"

namespace rtc::state::redis::webcast_scripts {

// A task's hash: r (the record's JSON without Generation and Version), g (generation), v (version), run
// ("1" while running), tK (timer of kind K: "WHEN:STAMP:SEQ", STAMP the version that armed it, so a claim
// names one arming of the timer, SEQ a counter of every arming, so timers due at one instant run in the order
// they were armed). Due timers: a sorted set (member "KEY#K", score WHEN); claimed ones move to another
// (score: the instant their lease ends).

// Creates the task, or its next generation when it ended and ARGV[2] is "1".
// KEYS: hash, all keys, running keys, due, arming counter. ARGV: key string, restart_ended, record, the
// generation init ran for, number of timers, then KIND WHEN of each in the order they were armed.
// Answers {0, generation, version} created; {1} running; {2} ended, not restartable; {3, generation} init
// must run again for that generation.
const Script kCreate(R"lua(
local h = KEYS[1]
local cur = redis.call('HMGET', h, 'run', 'g', 'v')
local g, v = 1, 0
if cur[1] then
  if cur[1] == '1' then return {1} end
  if ARGV[2] ~= '1' then return {2} end
  g = tonumber(cur[2]) + 1
  v = tonumber(cur[3])
end
if tostring(g) ~= ARGV[4] then return {3, g} end
v = v + 1
local fields = {'r', ARGV[3], 'g', g, 'v', v, 'run', '1'}
for i = 0, tonumber(ARGV[5]) - 1 do
  local kind, when = ARGV[6 + 2 * i], ARGV[7 + 2 * i]
  fields[#fields + 1] = 't' .. kind
  fields[#fields + 1] = when .. ':' .. v .. ':' .. redis.call('INCR', KEYS[5])
  redis.call('ZADD', KEYS[4], when, ARGV[1] .. '#' .. kind)
end
redis.call('HSET', h, unpack(fields))
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return {0, g, v}
)lua");

// Stores a transition if the task's version is still the one it read (compare and set).
// KEYS: hash, all keys, running keys, due, claimed, ended (list of "GENERATION|KEY", oldest first), arming
// counter. ARGV: key string, version read, record, "1" if still running, prefix of task hashes, max ended
// tasks kept (0: all), number of timer changes, then KIND WHEN of each (WHEN "": cancelled or spent), those
// armed in the order they were.
// Answers the new version, or -1 when the task changed (or went) since it was read.
const Script kStore(std::string(R"lua(
local h, ks = KEYS[1], ARGV[1]
local v = redis.call('HGET', h, 'v')
if v ~= ARGV[2] then return -1 end
local nv = tonumber(v) + 1
redis.call('HSET', h, 'r', ARGV[3], 'v', nv)
if ARGV[4] == '1' then
  for i = 0, tonumber(ARGV[7]) - 1 do
    local kind, when = ARGV[8 + 2 * i], ARGV[9 + 2 * i]
    local m = ks .. '#' .. kind
    redis.call('ZREM', KEYS[5], m)
    if when == '' then
      redis.call('HDEL', h, 't' .. kind)
      redis.call('ZREM', KEYS[4], m)
    else
      redis.call('HSET', h, 't' .. kind, when .. ':' .. nv .. ':' .. redis.call('INCR', KEYS[7]))
      redis.call('ZADD', KEYS[4], when, m)
    end
  end
  return nv
end
-- Ended: no timer and no claim left, and the oldest ended tasks past the bound are forgotten.
local fields, members = {}, {}
for kind = 0, )lua" + std::to_string(kTimers - 1) +
                                R"lua( do
  fields[#fields + 1] = 't' .. kind
  members[#members + 1] = ks .. '#' .. kind
end
redis.call('HSET', h, 'run', '0')
redis.call('HDEL', h, unpack(fields))
redis.call('ZREM', KEYS[4], unpack(members))
redis.call('ZREM', KEYS[5], unpack(members))
redis.call('SREM', KEYS[3], ks)
local max = tonumber(ARGV[6])
if max > 0 then
  redis.call('RPUSH', KEYS[6], redis.call('HGET', h, 'g') .. '|' .. ks)
  while redis.call('LLEN', KEYS[6]) > max do
    local e = redis.call('LPOP', KEYS[6])
    local bar = string.find(e, '|', 1, true)
    local eg, eks = string.sub(e, 1, bar - 1), string.sub(e, bar + 1)
    local ek = ARGV[5] .. eks
    local old = redis.call('HMGET', ek, 'run', 'g')
    -- A key started again since that end is a newer generation: it stays.
    if old[1] == '0' and old[2] == eg then
      redis.call('DEL', ek)
      redis.call('SREM', KEYS[2], eks)
    end
  end
end
return nv
)lua"));

// Claims up to ARGV[2] timers due at ARGV[1], earliest first (at one instant, first armed first): due ones,
// and claimed ones whose lease ended (their claimer died or lost them) unless the caller holds them. Each
// gets a lease until ARGV[3]. KEYS: due, claimed. ARGV: now, max, lease end, prefix of task hashes, then the
// members the caller holds. Answers MEMBER TIMER GENERATION of each claimed timer (TIMER: the hash's
// "WHEN:STAMP").
const Script kClaim(R"lua(
local max = tonumber(ARGV[2])
local held = {}
for i = 5, #ARGV do held[ARGV[i]] = true end
local found = {}
local function consider(m, from)
  local at = string.find(m, '#[^#]*$')
  local ks, kind = string.sub(m, 1, at - 1), string.sub(m, at + 1)
  local cur = redis.call('HMGET', ARGV[4] .. ks, 't' .. kind, 'g')
  if not cur[1] then
    redis.call('ZREM', from, m)
    return
  end
  local when, seq = string.match(cur[1], '^(%-?%d+):%d+:(%d+)$')
  found[#found + 1] = {m, tonumber(when), cur[1], cur[2], from, tonumber(seq)}
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, max)
for i = 1, #due, 2 do consider(due[i], KEYS[1]) end
if #due == 2 * max then
  -- Timers due at the last instant read beyond the limit: which of them go first is their arming order.
  local last = due[#due]
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], last, last)) do
    local seen = false
    for i = 1, #due, 2 do seen = seen or due[i] == m end
    if not seen then consider(m, KEYS[1]) end
  end
end
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, max + #ARGV - 4)) do
  if not held[m] then consider(m, KEYS[2]) end
end
table.sort(found, function(a, b)
  if a[2] ~= b[2] then return a[2] < b[2] end
  return a[6] < b[6]
end)
local out = {}
for i = 1, math.min(max, #found) do
  local c = found[i]
  if c[5] == KEYS[1] then redis.call('ZREM', KEYS[1], c[1]) end
  redis.call('ZADD', KEYS[2], ARGV[3], c[1])
  out[#out + 1] = c[1]
  out[#out + 1] = c[3]
  out[#out + 1] = c[4]
end
return out
)lua");

}  // namespace rtc::state::redis::webcast_scripts
