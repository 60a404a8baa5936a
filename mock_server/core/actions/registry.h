// The actions the mock serves, by Action + Version. Each family registers its actions here from its
// urls.cpp (`register_*_actions`), pairing a declaration (core/*/spec.cpp) with a handler bound to the
// family's backend: the declaration gives method, versions and rate limit, so they are written once.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actions/spec.h"
#include "core/actions/validate.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/journal/journal.h"
#include "core/request.h"
#include "core/signing/verifier.h"
#include "core/uri.h"

namespace rtc {

// What a handler is given. It never sees the service: its backend is bound in at registration.
struct ActionContext {
    const ApiRequest& request;
    const QueryParams& query;
    const signing::Principal& principal;
    const spec::ActionSpec& action;        // the routed action's declaration
    const ValidationSettings& validation;  // the config's validation choices
    TimeMs now;
    // The request's journal entry: what a handler learns that the journal shows (AppId, unknown fields,
    // BusinessId, where a task's callbacks go) it writes there.
    JournalEntry& journal;
};

// What an action answers: its Result as a document, its Result as JSON text written by hand (a hot path:
// core/json/writer.h), or a failure. The pipeline puts whichever it is in the envelope.
class ActionResult {
  public:
    struct Text {
        std::string json;
    };
    using Value = std::variant<nlohmann::json, Text, ApiError>;

    static ActionResult success(nlohmann::json result = "ok") { return ActionResult(std::move(result)); }
    static ActionResult success_text(std::string json) { return ActionResult(Text{std::move(json)}); }
    static ActionResult failure(std::string reason, std::string message) {
        return ActionResult(ApiError{std::move(reason), std::move(message)});
    }

    bool ok() const { return !std::holds_alternative<ApiError>(value_); }
    // The failure; only when !ok().
    const ApiError& error() const { return std::get<ApiError>(value_); }
    // The Result document; only for a success built as one.
    const nlohmann::json& document() const { return std::get<nlohmann::json>(value_); }
    const Value& value() const { return value_; }

  private:
    explicit ActionResult(Value v) : value_(std::move(v)) {}
    Value value_;
};

using ActionHandler = std::function<ActionResult(ActionContext&)>;

struct ActionDef {
    const spec::ActionSpec* spec = nullptr;
    ActionHandler handler;
    std::vector<std::string> versions;  // the versions it answers: the declaration's, or Actions.Versions
    const std::string& name() const { return spec->name; }
    const std::string& method() const { return spec->method; }
    int rate_limit() const { return spec->rate_limit; }
};

class ActionRegistry {
  public:
    // `versions`: Action -> the versions it answers, instead of its declaration's (config Actions.Versions).
    explicit ActionRegistry(std::map<std::string, std::vector<std::string>> versions = {})
        : version_overrides_(std::move(versions)) {}
    // The one way to register an action, at every version it is served at. `spec` must outlive the registry
    // (declarations are static).
    void add(const spec::ActionSpec& spec, ActionHandler handler);
    const ActionDef* find(const std::string& name, const std::string& version) const;
    bool has_action(const std::string& name) const;
    const std::vector<ActionDef>& all() const { return defs_; }

  private:
    std::map<std::string, std::vector<std::string>> version_overrides_;
    std::vector<ActionDef> defs_;
};

// How a family registers its actions: each by the name of its declaration, its handler bound to the family's
// backend (the one thing the handler sees besides its context).
template <typename Backend>
using FamilyHandler = ActionResult (*)(Backend&, ActionContext&);

template <typename Backend>
void register_family(ActionRegistry& registry, Backend& backend,
                     std::initializer_list<std::pair<const char*, FamilyHandler<Backend>>> handlers) {
    for (const auto& [name, handler] : handlers)
        registry.add(spec::declared(name),
                     [&backend, h = handler](ActionContext& ctx) { return h(backend, ctx); });
}

}  // namespace rtc
