#include "core/state/memory/fault_rules.h"

namespace rtc::state::memory {

using faults::FaultHit;
using faults::FaultLimits;
using faults::FaultType;

std::optional<nlohmann::json> MemoryFaultRules::add(faults::FaultRule rule, TimeMs now, std::string& error) {
    std::lock_guard<std::mutex> lock(mu_);
    if (rules_.size() >= FaultLimits::kMaxRules) {
        error = "there are already " + std::to_string(FaultLimits::kMaxRules) +
                " fault rules; DELETE /_mock/faults or some of them first";
        return std::nullopt;
    }
    rule.id = "f-" + std::to_string(next_id_++);
    faults::start_rule(rule, now);
    rules_.push_back(std::move(rule));
    recount();
    return rules_.back().to_json(now);
}

std::optional<FaultHit> MemoryFaultRules::match(const std::string& action, const std::string& account,
                                                const std::string& app, TimeMs now) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& r : rules_)
        if (auto hit = faults::try_rule(r, action, account, app, now)) return hit;
    return std::nullopt;
}

std::vector<faults::FaultRule> MemoryFaultRules::rules() const {
    std::lock_guard<std::mutex> lock(mu_);
    return rules_;
}

nlohmann::json MemoryFaultRules::list(TimeMs now) const {
    std::lock_guard<std::mutex> lock(mu_);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rules_) out.push_back(r.to_json(now));
    return out;
}

std::optional<nlohmann::json> MemoryFaultRules::get(const std::string& id, TimeMs now) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& r : rules_)
        if (r.id == id) return r.to_json(now);
    return std::nullopt;
}

bool MemoryFaultRules::remove(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = rules_.begin(); it != rules_.end(); ++it) {
        if (it->id == id) {
            rules_.erase(it);
            recount();
            return true;
        }
    }
    return false;
}

std::size_t MemoryFaultRules::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    const std::size_t n = rules_.size();
    rules_.clear();
    recount();
    return n;
}

void MemoryFaultRules::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    rules_.clear();
    next_id_ = 1;
    recount();
}

void MemoryFaultRules::recount() {
    std::size_t by_app = 0;
    for (const auto& r : rules_) by_app += r.app_id.empty() ? 0 : 1;
    by_app_.store(by_app, std::memory_order_release);
    size_.store(rules_.size(), std::memory_order_release);
}

}  // namespace rtc::state::memory
