// Counting and deleting the keys of one name space (`PREFIX + "rl:*"`, ...) in one round trip: a script walks
// them with SCAN inside Redis. The prefix is escaped, so a prefix with glob characters matches only itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/state/redis/context.h"

namespace rtc::state::redis {

// The SCAN pattern of every key that starts with PREFIX + `space`.
std::string keys_under(const Context& ctx, std::string_view space);

// How many keys match `pattern`.
std::size_t count_keys(Context& ctx, const std::string& pattern);
// Deletes every key that matches `pattern` except `keep` (a counter that must survive, or "").
void delete_keys(Context& ctx, const std::string& pattern, const std::string& keep = "");

}  // namespace rtc::state::redis
