// The fault rules in force, in the order they were added: the first rule whose scope matches and whose
// probability roll succeeds wins. Each rule draws from its own PRNG (seeded by Seed), so a seeded rule faults
// the same positions of the requests it sees every time. Thread-safe; free on the hot path when empty.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/events/hub.h"
#include "core/faults/fault_rule.h"
#include "core/request.h"
#include "core/uri.h"

namespace rtc::faults {

// What the pipeline must do to one request.
struct FaultHit {
    std::string id;
    FaultType type = FaultType::Error;
    std::int64_t delay_ms = 0;                        // latency
    FaultError error;                                 // error
    std::optional<std::int64_t> retry_after_seconds;  // throttle
};

// The AppId a request names, for app-scoped rules: the JSON body's (POST) or the query's (GET); "" if none.
std::string request_app_id(const ApiRequest& req, const QueryParams& query);

class FaultSet {
  public:
    // Every hit is published on `hub` (when given).
    explicit FaultSet(const events::Hub* hub = nullptr) : hub_(hub) {}
    // Adds a rule: gives it its id ("f-N"), expiry and PRNG. Returns the rule as stored, or an error message
    // when the set is full.
    std::optional<nlohmann::json> add(FaultRule rule, TimeMs now, std::string& error);
    // The fault for a request, if any rule takes it; spends the rule's count.
    std::optional<FaultHit> match(const std::string& action, const std::string& account,
                                  const std::string& app, TimeMs now);
    // No rule at all: the pipeline skips matching (and the lock).
    bool empty() const { return size_.load(std::memory_order_acquire) == 0; }
    // Some rule is scoped by app: the pipeline must find the request's AppId before matching.
    bool scopes_by_app() const { return by_app_.load(std::memory_order_acquire) > 0; }
    nlohmann::json list(TimeMs now) const;
    std::optional<nlohmann::json> get(const std::string& id, TimeMs now) const;
    bool remove(const std::string& id);
    // Removes every rule; ids go on from where they were.
    void clear();
    // Removes every rule and restarts ids at f-1 (POST /_mock/reset).
    void reset();
    std::size_t size() const { return size_.load(std::memory_order_acquire); }

  private:
    void recount();  // under mu_

    const events::Hub* hub_;
    mutable std::mutex mu_;
    std::vector<FaultRule> rules_;
    std::uint64_t next_id_ = 1;
    std::atomic<std::size_t> size_{0};
    std::atomic<std::size_t> by_app_{0};
};

}  // namespace rtc::faults
