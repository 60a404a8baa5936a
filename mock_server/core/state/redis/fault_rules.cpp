#include "core/state/redis/fault_rules.h"

#include <algorithm>
#include <tuple>

#include "core/state/codec/fault_json.h"

namespace rtc::state::redis {

using faults::FaultHit;
using faults::FaultRule;

namespace {

constexpr int kMaxTries = 100;  // compare-and-set attempts of one match (each lost one is another's win)

// KEYS: epoch, fault:version, fault:rules. {epoch, version, {id, JSON, ...}}.
const char* const kReadRules = R"(
local function read_rules()
  return {tonumber(redis.call('GET', KEYS[1])) or 0, tonumber(redis.call('GET', KEYS[2])) or 0,
          redis.call('HGETALL', KEYS[3])}
end
)";

const Script& fault_rules_load_script() {
    static const Script s(std::string(kReadRules) + "return read_rules()");
    return s;
}

// KEYS: epoch, fault:version, fault:rules; ARGV: epoch, version, then id, JSON pairs. {1, new version} when
// the rules are still those of (epoch, version), else {0, read_rules()}.
const Script& store_script() {
    static const Script s(std::string(kReadRules) + R"(
if (tonumber(redis.call('GET', KEYS[1])) or 0) ~= tonumber(ARGV[1]) or
   (tonumber(redis.call('GET', KEYS[2])) or 0) ~= tonumber(ARGV[2]) then
  return {0, read_rules()}
end
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
return {1, redis.call('INCR', KEYS[2])}
)");
    return s;
}

// KEYS[5..7]: fault:rules, fault:next_id, fault:version; ARGV[2]: the most rules, ARGV[3]: the rule's JSON
// with "Id":"" (an unescaped `"Id":"` is only ever the key). The rule's number, 0 when the set is full.
const Script& add_script() {
    static const Script s(ReplicaSync::change_script(R"(
if redis.call('HLEN', KEYS[5]) >= tonumber(ARGV[2]) then return finish(false, 0) end
local n = redis.call('INCR', KEYS[6])
local id = 'f-' .. n
redis.call('HSET', KEYS[5], id, (string.gsub(ARGV[3], '"Id":""', '"Id":"' .. id .. '"', 1)))
redis.call('INCR', KEYS[7])
return finish(true, n)
)"));
    return s;
}

// KEYS[5..7] as add; ARGV[2]: the id. 1 when there was such a rule.
const Script& fault_rules_remove_script() {
    static const Script s(ReplicaSync::change_script(R"(
local n = redis.call('HDEL', KEYS[5], ARGV[2])
if n == 1 then redis.call('INCR', KEYS[7]) end
return finish(n == 1, n)
)"));
    return s;
}

// KEYS[5..7] as add; ARGV[2]: "1" to restart the ids too. How many rules there were.
const Script& clear_script() {
    static const Script s(ReplicaSync::change_script(R"(
local n = redis.call('HLEN', KEYS[5])
redis.call('DEL', KEYS[5])
if ARGV[2] == '1' then redis.call('DEL', KEYS[6]) end
redis.call('INCR', KEYS[7])
return finish(true, n)
)"));
    return s;
}

std::int64_t number_of(const std::string& id) {
    return id.size() > 2 ? std::stoll(id.substr(2)) : 0;
}

// The rules of an HGETALL reply, in the order they were added.
std::vector<FaultRule> rules_of(const Reply& kv) {
    std::vector<FaultRule> rules;
    for (std::size_t i = 1; i < kv.size(); i += 2)
        rules.push_back(codec::decode_fault_rule(nlohmann::json::parse(kv[i].str)));
    std::sort(rules.begin(), rules.end(),
              [](const FaultRule& a, const FaultRule& b) { return number_of(a.id) < number_of(b.id); });
    return rules;
}

// The rules of a read_rules() reply, and its epoch.
std::pair<FaultRuleSet, std::uint64_t> rule_set(const Reply& read) {
    FaultRuleSet set;
    set.rules = rules_of(read[2]);
    set.version = read[1].as_int();
    for (const auto& rule : set.rules) set.by_app += rule.app_id.empty() ? 0 : 1;
    return {std::move(set), static_cast<std::uint64_t>(read[0].as_int())};
}

}  // namespace

std::vector<std::string> RedisFaultRules::keys() const {
    return {ctx_.key("epoch"), ctx_.key("fault:version"), ctx_.key("fault:rules")};
}

RedisFaultRules::Cache::Loaded RedisFaultRules::loaded() const {
    return cache_.get([this] { return rule_set(ctx_.client.eval(fault_rules_load_script(), keys(), {})); });
}

std::optional<nlohmann::json> RedisFaultRules::add(FaultRule rule, TimeMs now, std::string& error) {
    rule.id.clear();
    faults::start_rule(rule, now);
    Reply n = sync_.commit(add_script(),
                           {ctx_.key("fault:rules"), ctx_.key("fault:next_id"), ctx_.key("fault:version")},
                           {std::to_string(faults::FaultLimits::kMaxRules), codec::encode(rule).dump()});
    if (n.as_int() == 0) {
        error = "there are already " + std::to_string(faults::FaultLimits::kMaxRules) +
                " fault rules; DELETE /_mock/faults or some of them first";
        return std::nullopt;
    }
    rule.id = "f-" + std::to_string(n.as_int());
    return rule.to_json(now);
}

std::optional<FaultHit> RedisFaultRules::match(const std::string& action, const std::string& account,
                                               const std::string& app, TimeMs now) {
    auto current = loaded();
    if (current.value->rules.empty()) return std::nullopt;
    std::lock_guard<std::mutex> lock(match_mu_);
    current = loaded();  // another match may have stored newer rules while this one waited
    RuleSet work = *current.value;
    std::uint64_t epoch = current.epoch;
    for (int attempt = 0; attempt < kMaxTries; ++attempt) {
        std::vector<std::size_t> drawn;
        auto hit = faults::match_rules(work.rules, action, account, app, now, &drawn);
        if (drawn.empty()) return hit;  // no rule drew: nothing changed, nothing to store
        std::vector<std::string> args{std::to_string(epoch), std::to_string(work.version)};
        for (std::size_t i : drawn) {
            args.push_back(work.rules[i].id);
            args.push_back(codec::encode(work.rules[i]).dump());
        }
        Reply r = ctx_.client.eval(store_script(), keys(), args);
        if (r[0].as_int() == 1) {
            work.version = r[1].as_int();
            cache_.put({std::make_shared<const RuleSet>(std::move(work)), epoch});
            return hit;
        }
        // Another replica came first: match again on the rules as they are now.
        std::tie(work, epoch) = rule_set(r[1]);
    }
    throw std::runtime_error("fault rules: " + std::to_string(kMaxTries) + " compare-and-set attempts lost");
}

std::vector<faults::FaultRule> RedisFaultRules::rules() const {
    return rules_of(ctx_.client.call({"HGETALL", ctx_.key("fault:rules")}));
}

nlohmann::json RedisFaultRules::list(TimeMs now) const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rules_of(ctx_.client.call({"HGETALL", ctx_.key("fault:rules")})))
        out.push_back(r.to_json(now));
    return out;
}

std::optional<nlohmann::json> RedisFaultRules::get(const std::string& id, TimeMs now) const {
    Reply r = ctx_.client.call({"HGET", ctx_.key("fault:rules"), id});
    if (r.nil()) return std::nullopt;
    return codec::decode_fault_rule(nlohmann::json::parse(r.str)).to_json(now);
}

bool RedisFaultRules::remove(const std::string& id) {
    return sync_
               .commit(fault_rules_remove_script(),
                       {ctx_.key("fault:rules"), ctx_.key("fault:next_id"), ctx_.key("fault:version")}, {id})
               .as_int() == 1;
}

std::size_t RedisFaultRules::clear() {
    return static_cast<std::size_t>(
        sync_
            .commit(clear_script(),
                    {ctx_.key("fault:rules"), ctx_.key("fault:next_id"), ctx_.key("fault:version")}, {"0"})
            .as_int());
}

void RedisFaultRules::reset() {
    sync_.commit(clear_script(),
                 {ctx_.key("fault:rules"), ctx_.key("fault:next_id"), ctx_.key("fault:version")}, {"1"});
}

}  // namespace rtc::state::redis
