// The Lua scripts of the Redis Webcast tasks (webcast_tasks.h): each change of a task, its timers and the
// indexes is one script, so it happens at once for every replica. Their KEYS and ARGV are documented in
// webcast_scripts.cpp.
#pragma once

#include "core/models/webcast.h"
#include "core/state/redis/connection.h"

namespace rtc::state::redis::webcast_scripts {

extern const Script kCreate;
extern const Script kStore;
extern const Script kClaim;

// The kinds of timer a task may have (WebcastTimer), numbered 0 .. kTimers-1 in keys and fields.
inline constexpr int kTimers = webcast::kWebcastTimerKinds;

}  // namespace rtc::state::redis::webcast_scripts
