#include "core/state/redis/state_reset.h"

#include "core/state/redis/apps.h"
#include "core/state/redis/callback_settings.h"

namespace rtc::state::redis {

namespace {

// KEYS[5..8]: app:all, cb:all, seeded, resets; ARGV[2..]: the apps, then the settings (hset_pairs).
const char* const kSeed = R"(
local function seed()
  local i = hset_pairs(KEYS[5], 2)
  hset_pairs(KEYS[6], i)
  redis.call('SET', KEYS[7], '1')
end
)";

const Script& seed_script() {
    static const Script s(ReplicaSync::change_script(std::string(kSeed) + R"(
local fresh = redis.call('SET', KEYS[7], '1', 'NX')
if fresh then seed() end
return finish(fresh and true or false, tonumber(redis.call('GET', KEYS[8])) or 0)
)"));
    return s;
}

// As seed_script, after deleting the prefix's keys (ARGV[#ARGV]: the prefix as a SCAN pattern) but the
// replicas' own (KEYS[1..4] and KEYS[8]) and the Seq counters (KEYS[9..10]).
const Script& reset_script() {
    static const Script s(ReplicaSync::change_script(std::string(kSeed) + R"(
local keep = {[KEYS[1]] = true, [KEYS[2]] = true, [KEYS[3]] = true, [KEYS[4]] = true, [KEYS[8]] = true,
              [KEYS[9]] = true, [KEYS[10]] = true}
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[#ARGV], 'COUNT', 1000)
  cursor = page[1]
  for _, k in ipairs(page[2]) do
    if not keep[k] then redis.call('UNLINK', k) end
  end
until cursor == '0'
seed()
return finish(true, redis.call('INCR', KEYS[8]))
)"));
    return s;
}

std::vector<std::string> keys_of(const Context& ctx) {
    // KEYS[9..10] are kept by a reset: the journals' Seq counters (bounded_stream.h), which never restart.
    return {ctx.key("app:all"), ctx.key("cb:all"),      ctx.key("seeded"),
            ctx.key("resets"),  ctx.key("journal:seq"), ctx.key("dl:a:seq")};
}

std::vector<std::string> fixture_args(const Context& ctx) {
    auto args = RedisApps::fixture_args(ctx.settings.apps);
    auto cbs = RedisCallbackSettings::fixture_args(ctx.settings.app_callbacks);
    args.insert(args.end(), cbs.begin(), cbs.end());
    return args;
}

// The prefix as a SCAN pattern: glob characters escaped.
std::string pattern_of(const std::string& prefix) {
    std::string out;
    for (char c : prefix) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
        out += c;
    }
    return out + "*";
}

}  // namespace

std::int64_t seed_once(Context& ctx, ReplicaSync& sync) {
    return sync.commit(seed_script(), keys_of(ctx), fixture_args(ctx)).as_int();
}

void reset_state(Context& ctx, ReplicaSync& sync) {
    auto args = fixture_args(ctx);
    args.push_back(pattern_of(ctx.options.prefix));
    sync.commit_reset(reset_script(), keys_of(ctx), std::move(args));
}

}  // namespace rtc::state::redis
