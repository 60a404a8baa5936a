#include "core/state/redis/apps.h"

#include "core/state/codec/console_json.h"

namespace rtc::state::redis {

namespace {

// KEYS: epoch, app:all. {epoch, {AppId, JSON, ...}}.
const Script& apps_load_script() {
    static const Script s(
        "return {tonumber(redis.call('GET', KEYS[1])) or 0, redis.call('HGETALL', KEYS[2])}");
    return s;
}

// KEYS[5]: app:all; ARGV[2], ARGV[3]: AppId, JSON.
const Script& apps_put_script() {
    static const Script s(ReplicaSync::change_script(R"(
redis.call('HSET', KEYS[5], ARGV[2], ARGV[3])
return finish(true, 1)
)"));
    return s;
}

}  // namespace

std::vector<std::string> RedisApps::fixture_args(const std::vector<App>& apps) {
    std::vector<std::string> args{std::to_string(apps.size())};
    for (const auto& a : apps) {
        args.push_back(a.app_id);
        args.push_back(codec::encode(a).dump());
    }
    return args;
}

std::shared_ptr<const RedisApps::Table> RedisApps::table() const {
    return cache_
        .get([this] {
            Reply r = ctx_.client.eval(apps_load_script(), {ctx_.key("epoch"), ctx_.key("app:all")}, {});
            Table t;
            const auto& kv = r[1];
            for (std::size_t i = 0; i + 1 < kv.size(); i += 2)
                t[kv[i].str] = codec::decode_app(nlohmann::json::parse(kv[i + 1].str));
            return std::make_pair(std::move(t), static_cast<std::uint64_t>(r[0].as_int()));
        })
        .value;
}

std::optional<App> RedisApps::find(const std::string& app_id) const {
    auto t = table();
    auto it = t->find(app_id);
    if (it == t->end()) return std::nullopt;
    return it->second;
}

std::vector<App> RedisApps::all() const {
    auto t = table();
    std::vector<App> out;
    out.reserve(t->size());
    for (const auto& [id, a] : *t) out.push_back(a);
    return out;
}

void RedisApps::put(const App& app) {
    sync_.commit(apps_put_script(), {ctx_.key("app:all")}, {app.app_id, codec::encode(app).dump()});
}

void RedisApps::reset() {
    sync_.commit(ReplicaSync::replace_hash_script(), {ctx_.key("app:all")}, fixture_args(ctx_.settings.apps));
}

}  // namespace rtc::state::redis
