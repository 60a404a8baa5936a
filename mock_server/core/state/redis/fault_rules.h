// The fault rules on Redis: one hash (`fault:rules`, id -> the stored rule's JSON, codec/fault_json.h),
// `fault:next_id`, and `fault:version`, bumped by every change of a rule's state. The rule set (empty(),
// scopes_by_app(), size()) is read from this replica's copy (EpochCache: adding or removing rules moves the
// epoch); match() runs the memory engine's matching (faults::match_rules) on that copy and stores the rules
// that drew with a compare-and-set on (epoch, version), taking Redis's rules and trying again when another
// replica came first. So a count or a seeded draw is spent exactly once across replicas, and a request in
// no rule's scope costs no round trip.
#pragma once

#include <mutex>
#include <vector>

#include "core/state/fault_rules.h"
#include "core/state/redis/epoch_cache.h"

namespace rtc::state::redis {

// The rules as one replica holds them, with the version they were read at.
struct FaultRuleSet {
    std::vector<faults::FaultRule> rules;  // in the order added
    std::int64_t version = 0;
    std::size_t by_app = 0;  // rules scoped by app
};

class RedisFaultRules final : public FaultRules {
  public:
    RedisFaultRules(Context& ctx, ReplicaSync& sync) : ctx_(ctx), sync_(sync), cache_(sync) {}
    std::optional<nlohmann::json> add(faults::FaultRule rule, TimeMs now, std::string& error) override;
    std::optional<faults::FaultHit> match(const std::string& action, const std::string& account,
                                          const std::string& app, TimeMs now) override;
    nlohmann::json list(TimeMs now) const override;
    std::vector<faults::FaultRule> rules() const override;
    std::optional<nlohmann::json> get(const std::string& id, TimeMs now) const override;
    bool remove(const std::string& id) override;
    std::size_t clear() override;
    void reset() override;
    bool empty() const override { return set()->rules.empty(); }
    bool scopes_by_app() const override { return set()->by_app > 0; }
    std::size_t size() const override { return set()->rules.size(); }

  private:
    using RuleSet = FaultRuleSet;
    using Cache = EpochCache<RuleSet>;
    Cache::Loaded loaded() const;
    std::shared_ptr<const RuleSet> set() const { return loaded().value; }
    std::vector<std::string> keys() const;

    Context& ctx_;
    ReplicaSync& sync_;
    Cache cache_;
    std::mutex match_mu_;  // one match at a time per replica: they would only conflict with each other
};

}  // namespace rtc::state::redis
