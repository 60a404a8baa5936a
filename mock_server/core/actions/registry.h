// The actions the mock serves, by Action + Version. Each action module registers itself here
// (see register_all_actions); the pipeline routes to it after signature and rate checks.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/signing/verifier.h"
#include "core/uri.h"

namespace rtc {

class MockService;

struct ActionContext {
    const ApiRequest& request;
    const QueryParams& query;
    const signing::Principal& principal;
    MockService& service;
    TimeMs now;
    std::string app_id;                       // set by the handler once known (journal, faults)
    std::vector<std::string> unknown_fields;  // ignored as the real service does, noted in the journal
};

struct ActionResult {
    bool ok = true;
    nlohmann::json result = "ok";
    ApiError error;

    static ActionResult success(nlohmann::json r = "ok") { return ActionResult{true, std::move(r), {}}; }
    static ActionResult failure(std::string reason, std::string message) {
        return ActionResult{false, nullptr, ApiError{std::move(reason), std::move(message)}};
    }
};

using ActionHandler = std::function<ActionResult(ActionContext&)>;

struct ActionDef {
    std::string name;
    std::string version;
    std::string method;  // "POST" (JSON body) or "GET" (query parameters)
    int rate_limit = 0;  // documented requests per rolling second per account; 0 = none
    ActionHandler handler;
};

class ActionRegistry {
  public:
    void add(ActionDef def);
    const ActionDef* find(const std::string& name, const std::string& version) const;
    bool has_action(const std::string& name) const;
    const std::vector<ActionDef>& all() const { return defs_; }

  private:
    std::vector<ActionDef> defs_;
};

}  // namespace rtc
