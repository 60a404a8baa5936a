// The Lua scripts of RedisDeliveries (redis/deliveries.h names the keys). Each takes the key prefix as
// ARGV[1] and builds its keys from it.
#pragma once

#include "core/state/redis/connection.h"

namespace rtc::state::redis::deliveries_scripts {

// ARGV: P, id, record, attempt, sending, holds, waiting, capacity. Keeps the delivery, then forgets the
// oldest finished ones past the bound (never one in play, nor this one), as the memory engine trims.
const Script& add();
// ARGV: P, id, attempt. Nil for an unknown delivery; else {record, attempt, sending, holds, waiting}.
const Script& begin_attempt();
// ARGV: P, id.
const Script& end_attempt();
// ARGV: P, task, id. 1 when the slot was free (now held), 0 when queued.
const Script& take_slot();
// ARGV: P, task. The next holder, or nil.
const Script& release_slot();
// ARGV: P, the pattern of the queues. Every waiting id.
const Script& drop_waiting();
// ARGV: P, id, attempt, when.
const Script& schedule_retry();
// ARGV: P, now, lease_ms. {{id, attempt, when}, ...}: the claims whose lease ran out, then the due retries.
const Script& claim_due();
// ARGV: P. Every scheduled retry as {{id, attempt, when}, ...}; the schedule emptied.
const Script& take_retries();

}  // namespace rtc::state::redis::deliveries_scripts
