// Removing a part's keys: every key under a prefix, in one script (SCAN MATCH + UNLINK), so a clear or reset
// is one round trip and never touches the keys of another part or another mock sharing the database.
#pragma once

#include <string>

#include "core/state/redis/connection.h"

namespace rtc::state::redis {

// Unlinks every key that starts with `key_prefix` (glob characters in it are matched literally); how many.
std::size_t delete_prefixed(Client& client, const std::string& key_prefix);

}  // namespace rtc::state::redis
