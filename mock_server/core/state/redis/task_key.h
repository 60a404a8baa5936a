// A task's key (AppId, RoomId, TaskId) as one string in Redis keys and set members: "APP/ROOM/TASK", each
// part with '%' and '/' escaped (%25, %2F), so any ids read back unambiguously and usual ones stay readable
// in redis-cli.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/models/webcast.h"

namespace rtc::state::redis {

std::string key_string(const webcast::TaskKey& key);
// nullopt when `s` is not a key_string().
std::optional<webcast::TaskKey> parse_key_string(std::string_view s);

}  // namespace rtc::state::redis
