// The engine-wide reset on Redis, and the first seeding of a prefix: both put the fixture's apps and
// callback settings (EngineSettings) in Redis; the reset first deletes every key of the prefix but the
// replicas' own (epoch, resets, replicas, seen, changes). Both are changes (ReplicaSync::commit): every
// replica has dropped its caches when they return.
#pragma once

#include <cstdint>

#include "core/state/redis/replica_sync.h"

namespace rtc::state::redis {

// Seeds the fixture unless the prefix was seeded already (`seeded` is there: another replica, or a restart,
// keeps the state it finds). The `resets` count.
std::int64_t seed_once(Context& ctx, ReplicaSync& sync);

// Deletes every key of the prefix (but the replicas' own), seeds the fixture again, counts a reset.
void reset_state(Context& ctx, ReplicaSync& sync);

}  // namespace rtc::state::redis
