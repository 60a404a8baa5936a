#include "core/faults/fault_set.h"

namespace rtc::faults {

std::string request_app_id(const ApiRequest& req, const QueryParams& query) {
    if (req.method == "GET") {
        const std::string* a = find_param(query, "AppId");
        return a ? *a : "";
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_object()) {
        auto it = body.find("AppId");
        if (it != body.end() && it->is_string()) return it->get<std::string>();
    }
    return "";
}

std::optional<nlohmann::json> FaultSet::add(FaultRule rule, TimeMs now, std::string& error) {
    std::lock_guard<std::mutex> lock(mu_);
    if (rules_.size() >= FaultLimits::kMaxRules) {
        error = "there are already " + std::to_string(FaultLimits::kMaxRules) +
                " fault rules; DELETE /_mock/faults or some of them first";
        return std::nullopt;
    }
    rule.id = "f-" + std::to_string(next_id_++);
    rule.created_ms = now;
    if (rule.expires_in_seconds) rule.expires_at_ms = now + *rule.expires_in_seconds * 1000;
    rule.remaining = rule.count;
    rule.applied = 0;
    if (rule.seed) {
        rule.rng.seed(*rule.seed);
    } else {
        std::random_device rd;
        rule.rng.seed((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    }
    rules_.push_back(std::move(rule));
    recount();
    return rules_.back().to_json(now);
}

std::optional<FaultHit> FaultSet::match(const std::string& action, const std::string& account,
                                        const std::string& app, TimeMs now) {
    std::optional<FaultHit> hit;
    {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto& r : rules_) {
            if (r.expired(now) || r.exhausted() || !r.scope_matches(action, account, app)) continue;
            // A rule draws only for the requests in its scope, so its pattern depends on its own traffic
            // alone.
            if (r.probability < 1.0 &&
                std::uniform_real_distribution<double>(0.0, 1.0)(r.rng) >= r.probability)
                continue;
            hit.emplace();
            hit->id = r.id;
            hit->type = r.type;
            if (r.type == FaultType::Latency)
                hit->delay_ms = r.latency_min_ms == r.latency_max_ms
                                    ? r.latency_min_ms
                                    : std::uniform_int_distribution<std::int64_t>(r.latency_min_ms,
                                                                                  r.latency_max_ms)(r.rng);
            hit->error = r.error;
            hit->retry_after_seconds = r.retry_after_seconds;
            if (r.remaining) --*r.remaining;
            ++r.applied;
            break;
        }
    }
    if (hit && hub_ && hub_->wants(events::kFaults))
        hub_->publish(events::FaultEvent{hit->id, hit->type, action, now});
    return hit;
}

nlohmann::json FaultSet::list(TimeMs now) const {
    std::lock_guard<std::mutex> lock(mu_);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rules_) out.push_back(r.to_json(now));
    return out;
}

std::optional<nlohmann::json> FaultSet::get(const std::string& id, TimeMs now) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& r : rules_)
        if (r.id == id) return r.to_json(now);
    return std::nullopt;
}

bool FaultSet::remove(const std::string& id) {
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

void FaultSet::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    rules_.clear();
    recount();
}

void FaultSet::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    rules_.clear();
    next_id_ = 1;
    recount();
}

void FaultSet::recount() {
    std::size_t by_app = 0;
    for (const auto& r : rules_) by_app += r.app_id.empty() ? 0 : 1;
    by_app_.store(by_app, std::memory_order_release);
    size_.store(rules_.size(), std::memory_order_release);
}

}  // namespace rtc::faults
