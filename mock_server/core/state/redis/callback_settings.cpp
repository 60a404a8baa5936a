#include "core/state/redis/callback_settings.h"

#include "core/state/codec/console_json.h"

namespace rtc::state::redis {

using callbacks::CallbackSetting;

namespace {

std::string field_of(const std::string& app_id, const std::string& business_id) {
    return app_id + "\n" + business_id;
}

// KEYS: epoch, cb:all. {epoch, {field, JSON, ...}}.
const Script& callback_settings_load_script() {
    static const Script s(
        "return {tonumber(redis.call('GET', KEYS[1])) or 0, redis.call('HGETALL', KEYS[2])}");
    return s;
}

// KEYS[5]: cb:all; ARGV[2], ARGV[3]: field, JSON with CreatedAt = now. A replaced setting keeps its
// CreatedAt: taken from the stored text (the codec writes it as a plain integer; only a key is followed by
// an unescaped `":`), so the new text is stored as encoded, not re-encoded by Lua's cjson.
const Script& callback_settings_put_script() {
    static const Script s(ReplicaSync::change_script(R"(
local text = ARGV[3]
local old = redis.call('HGET', KEYS[5], ARGV[2])
if old then
  local created = string.match(old, '"CreatedAt":(%-?%d+)')
  if created then text = (string.gsub(text, '"CreatedAt":%-?%d+', '"CreatedAt":' .. created, 1)) end
end
redis.call('HSET', KEYS[5], ARGV[2], text)
return finish(true, 1)
)"));
    return s;
}

// KEYS[5]: cb:all; ARGV[2]: field. 1 when there was such a setting.
const Script& callback_settings_remove_script() {
    static const Script s(ReplicaSync::change_script(R"(
local n = redis.call('HDEL', KEYS[5], ARGV[2])
return finish(n == 1, n)
)"));
    return s;
}

}  // namespace

std::vector<std::string> RedisCallbackSettings::fixture_args(const std::vector<CallbackFixture>& fixture) {
    std::vector<std::string> args{std::to_string(fixture.size())};
    for (const auto& f : fixture) {
        args.push_back(field_of(f.app_id, f.business_id));
        args.push_back(codec::encode(CallbackSetting{f.app_id, f.business_id, f.callback, 0, 0}).dump());
    }
    return args;
}

std::shared_ptr<const RedisCallbackSettings::Table> RedisCallbackSettings::table() const {
    return cache_
        .get([this] {
            Reply r = ctx_.client.eval(callback_settings_load_script(),
                                       {ctx_.key("epoch"), ctx_.key("cb:all")}, {});
            Table t;
            const auto& kv = r[1];
            for (std::size_t i = 1; i < kv.size(); i += 2) {
                auto s = codec::decode_callback_setting(nlohmann::json::parse(kv[i].str));
                auto key = std::make_pair(s.app_id, s.business_id);
                t.emplace(std::move(key), std::move(s));
            }
            return std::make_pair(std::move(t), static_cast<std::uint64_t>(r[0].as_int()));
        })
        .value;
}

std::optional<CallbackSetting> RedisCallbackSettings::get(const std::string& app_id,
                                                          const std::string& business_id) const {
    auto t = table();
    auto it = t->find({app_id, business_id});
    if (it == t->end()) return std::nullopt;
    return it->second;
}

std::optional<CallbackSetting> RedisCallbackSettings::route(const std::string& app_id,
                                                            const std::string& business_id) const {
    auto t = table();
    if (!business_id.empty()) {
        auto it = t->find({app_id, business_id});
        if (it != t->end()) return it->second;
    }
    auto it = t->find({app_id, ""});
    if (it == t->end()) return std::nullopt;
    return it->second;
}

std::vector<CallbackSetting> RedisCallbackSettings::of_app(const std::string& app_id) const {
    auto t = table();
    std::vector<CallbackSetting> out;
    for (auto it = t->lower_bound({app_id, ""}); it != t->end() && it->first.first == app_id; ++it)
        out.push_back(it->second);
    return out;
}

std::vector<CallbackSetting> RedisCallbackSettings::all() const {
    auto t = table();
    std::vector<CallbackSetting> out;
    out.reserve(t->size());
    for (const auto& [k, v] : *t) out.push_back(v);
    return out;
}

void RedisCallbackSettings::put(const std::string& app_id, const std::string& business_id,
                                const AppCallback& callback, TimeMs now) {
    CallbackSetting s{app_id, business_id, callback, now, now};
    sync_.commit(callback_settings_put_script(), {ctx_.key("cb:all")},
                 {field_of(app_id, business_id), codec::encode(s).dump()});
}

bool RedisCallbackSettings::remove(const std::string& app_id, const std::string& business_id) {
    return sync_
               .commit(callback_settings_remove_script(), {ctx_.key("cb:all")},
                       {field_of(app_id, business_id)})
               .as_int() == 1;
}

void RedisCallbackSettings::reset() {
    sync_.commit(ReplicaSync::replace_hash_script(), {ctx_.key("cb:all")},
                 fixture_args(ctx_.settings.app_callbacks));
}

}  // namespace rtc::state::redis
