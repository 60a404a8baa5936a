#include "core/state/redis/key_scan.h"

namespace rtc::state::redis {

namespace {

// ARGV: pattern, "count" or "delete", the key to keep.
const Script& scan_script() {
    static const Script s{R"lua(
local cursor, n = '0', 0
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = page[1]
  for _, k in ipairs(page[2]) do
    if k ~= ARGV[3] then
      if ARGV[2] == 'delete' then redis.call('UNLINK', k) end
      n = n + 1
    end
  end
until cursor == '0'
return n
)lua"};
    return s;
}

}  // namespace

std::string keys_under(const Context& ctx, std::string_view space) {
    std::string out;
    for (char c : ctx.options.prefix) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
        out += c;
    }
    out.append(space);
    out += '*';
    return out;
}

std::size_t count_keys(Context& ctx, const std::string& pattern) {
    return static_cast<std::size_t>(ctx.client.eval(scan_script(), {}, {pattern, "count", ""}).as_int());
}

void delete_keys(Context& ctx, const std::string& pattern, const std::string& keep) {
    ctx.client.eval(scan_script(), {}, {pattern, "delete", keep});
}

}  // namespace rtc::state::redis
