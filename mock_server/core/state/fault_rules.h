// Where the admin's fault rules live, in the order they were added: the first rule whose scope matches and
// whose probability draw succeeds takes a request, and spends its count (docs/admin-api.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/faults/fault_rule.h"

namespace rtc::state {

class FaultRules {
  public:
    virtual ~FaultRules() = default;
    // Stores a rule with its id ("f-N"), expiry and generator; returns it as the admin API shows it, or
    // nullopt with `error` when the set is full.
    virtual std::optional<nlohmann::json> add(faults::FaultRule rule, TimeMs now, std::string& error) = 0;
    // The fault for a request, if a rule takes it.
    virtual std::optional<faults::FaultHit> match(const std::string& action, const std::string& account,
                                                  const std::string& app, TimeMs now) = 0;
    virtual nlohmann::json list(TimeMs now) const = 0;
    // The rules as stored, in order (the state export).
    virtual std::vector<faults::FaultRule> rules() const = 0;
    virtual std::optional<nlohmann::json> get(const std::string& id, TimeMs now) const = 0;
    virtual bool remove(const std::string& id) = 0;
    // Removes every rule (ids go on); returns how many there were.
    virtual std::size_t clear() = 0;
    // Removes every rule and restarts ids at f-1.
    virtual void reset() = 0;
    // Cheap tests for the request path: no rule at all, and some rule scoped by app (the pipeline must then
    // find the request's AppId before matching).
    virtual bool empty() const = 0;
    virtual bool scopes_by_app() const = 0;
    virtual std::size_t size() const = 0;
};

}  // namespace rtc::state
