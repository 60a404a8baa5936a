#include "core/state/redis/replica_liveness.h"

#include "core/state/redis/replica_sync.h"

namespace rtc::state::redis {

namespace {

// KEYS: the heartbeats (sorted set, score = Redis TIME in ms); ARGV: replica, live window in ms.
const Script kAlive(R"lua(
local beat = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not beat then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now - tonumber(beat) < tonumber(ARGV[2]) then return 1 end
return 0
)lua");

}  // namespace

bool ReplicaLiveness::alive(const std::string& replica) const {
    if (replica == ctx_.replica) return true;
    return ctx_.client.eval(kAlive, {heartbeats_}, {replica, std::to_string(kReplicaLiveMs)}).as_int() == 1;
}

}  // namespace rtc::state::redis
