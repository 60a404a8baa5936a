#include "core/state/redis/wbrecord_tasks.h"

#include <stdexcept>

#include "core/state/codec/wbrecord_json.h"
#include "core/state/redis/scan_delete.h"
#include "core/state/redis/task_key.h"

namespace rtc::state::redis {

using wbrecord::TaskKey;
using wbrecord::WbRecordTask;

namespace {

// The hash's fields, in the order every script and read returns them.
const char* const kFields[] = {"r", "g", "run", "end", "reason"};

// KEYS: hash, set of keys. ARGV: key string, restart_ended, record (JSON, as created). Answers
// {outcome, r, g, run, end, reason}: 0 created, 1 already running, 2 ended and not restartable.
const Script kStart(R"lua(
local h = KEYS[1]
local cur = redis.call('HMGET', h, 'r', 'g', 'run', 'end', 'reason')
local g = 1
if cur[1] then
  if cur[3] == '1' then return {1, cur[1], cur[2], cur[3], cur[4], cur[5]} end
  if ARGV[2] ~= '1' then return {2, cur[1], cur[2], cur[3], cur[4], cur[5]} end
  g = tonumber(cur[2]) + 1
end
redis.call('HSET', h, 'r', ARGV[3], 'g', g, 'run', '1', 'end', '0', 'reason', '')
redis.call('SADD', KEYS[2], ARGV[1])
return {0, ARGV[3], tostring(g), '1', '0', ''}
)lua");

// KEYS: hash. ARGV: end time, reason. Answers the fields after the stop, or nil when no task runs.
const Script kStop(R"lua(
local h = KEYS[1]
if redis.call('HGET', h, 'run') ~= '1' then return nil end
redis.call('HSET', h, 'run', '0', 'end', ARGV[1], 'reason', ARGV[2])
return redis.call('HMGET', h, 'r', 'g', 'run', 'end', 'reason')
)lua");

// The task of the fields (r, g, run, end, reason) from `first` on; nullopt when there is none.
std::optional<WbRecordTask> read_task(const Reply& reply, std::size_t first = 0) {
    if (reply.kind != Reply::Kind::Array || reply.size() < first + 5 || reply[first].nil())
        return std::nullopt;
    WbRecordTask t = codec::decode_wbrecord_task(nlohmann::json::parse(reply[first].str));
    t.generation = static_cast<std::uint64_t>(reply[first + 1].as_int());
    t.running = reply[first + 2].str == "1";
    t.end_time = reply[first + 3].as_int();
    t.stop_reason = reply[first + 4].str;
    return t;
}

Args hmget(const std::string& hash) {
    Args cmd{"HMGET", hash};
    cmd.insert(cmd.end(), std::begin(kFields), std::end(kFields));
    return cmd;
}

}  // namespace

RedisWbRecordTasks::StartOutcome RedisWbRecordTasks::start(const wbrecord::WbRecordSpec& spec,
                                                           const std::string& account_id, TimeMs now,
                                                           bool restart_ended) {
    WbRecordTask task;
    task.spec = spec;
    task.account_id = account_id;
    task.start_time = now;
    const std::string ks = key_string(task.key());
    const Reply r = ctx_.client.eval(kStart, {hash_key(ks), ctx_.key("wb:all")},
                                     {ks, restart_ended ? "1" : "0", codec::encode(task).dump()});
    auto stored = read_task(r, 1);
    if (!stored) throw std::runtime_error("redis wbrecord start: unexpected reply");
    switch (r[0].as_int()) {
        case 0:
            return {Started::Created, *stored};
        case 1:
            return {Started::AlreadyRunning, *stored};
        default:
            return {Started::EndedNotRestartable, *stored};
    }
}

std::optional<WbRecordTask> RedisWbRecordTasks::stop(const TaskKey& key, TimeMs now,
                                                     const std::string& reason) {
    return read_task(ctx_.client.eval(kStop, {hash_key(key_string(key))}, {std::to_string(now), reason}));
}

std::optional<WbRecordTask> RedisWbRecordTasks::get(const TaskKey& key) const {
    return read_task(ctx_.client.call(hmget(hash_key(key_string(key)))));
}

std::vector<WbRecordTask> RedisWbRecordTasks::all() const {
    const Reply keys = ctx_.client.call({"SMEMBERS", ctx_.key("wb:all")});
    std::vector<WbRecordTask> out;
    constexpr std::size_t kBatch = 512;
    for (std::size_t i = 0; i < keys.size(); i += kBatch) {
        std::vector<Args> reads;
        for (std::size_t k = i; k < keys.size() && k < i + kBatch; ++k)
            reads.push_back(hmget(hash_key(keys[k].str)));
        for (const Reply& r : ctx_.client.pipeline(reads))
            if (auto t = read_task(r)) out.push_back(std::move(*t));
    }
    return out;
}

std::size_t RedisWbRecordTasks::size() const {
    return static_cast<std::size_t>(ctx_.client.call({"SCARD", ctx_.key("wb:all")}).as_int());
}

void RedisWbRecordTasks::clear() {
    delete_prefixed(ctx_.client, ctx_.key("wb:"));
}

}  // namespace rtc::state::redis
