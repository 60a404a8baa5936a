#include "core/state/redis/scan_delete.h"

namespace rtc::state::redis {

namespace {

const Script kDeletePrefixed(R"lua(
local cursor, n = '0', 0
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = page[1]
  if #page[2] > 0 then
    redis.call('UNLINK', unpack(page[2]))
    n = n + #page[2]
  end
until cursor == '0'
return n
)lua");

std::string glob_literal(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::size_t delete_prefixed(Client& client, const std::string& key_prefix) {
    return static_cast<std::size_t>(
        client.eval(kDeletePrefixed, {}, {glob_literal(key_prefix) + "*"}).as_int());
}

}  // namespace rtc::state::redis
