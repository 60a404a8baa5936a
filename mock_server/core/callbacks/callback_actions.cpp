#include "core/callbacks/callback_actions.h"

#include <regex>

#include "core/service.h"

namespace rtc {

namespace {

// A request's parameters: the JSON body (POST) or the query (GET), read against the declaration.
struct Params {
    nlohmann::json values = nlohmann::json::object();
};

bool load_params(ActionContext& ctx, const spec::ActionSpec& s, Params& out, ActionResult& fail) {
    if (s.method == "GET") {
        for (const auto& [k, v] : ctx.query) out.values[k] = v;
        return true;
    }
    if (trim(ctx.request.body).empty()) {
        fail = ActionResult::failure("BodyIsEmpty", s.name + " needs a JSON body");
        return false;
    }
    auto j = nlohmann::json::parse(ctx.request.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        fail = ActionResult::failure("Unmarshal", "the body of " + s.name + " is not a JSON object");
        return false;
    }
    out.values = std::move(j);
    return true;
}

// `AppID` and `AppId` name the same field; the declaration gives the preferred spelling.
const nlohmann::json* find_value(const Params& p, const std::string& name) {
    auto it = p.values.find(name);
    if (it != p.values.end()) return &*it;
    if (name == "AppID" || name == "AppId") {
        it = p.values.find(name == "AppID" ? "AppId" : "AppID");
        if (it != p.values.end()) return &*it;
    }
    return nullptr;
}

bool validate(const spec::ActionSpec& s, const Params& p, ActionResult& fail) {
    for (const auto& f : s.fields) {
        const nlohmann::json* v = find_value(p, f.name);
        if (!v || v->is_null()) {
            if (f.required) {
                fail = ActionResult::failure("InvalidParameter", f.name + " is required");
                return false;
            }
            continue;
        }
        if (f.type == spec::Type::String) {
            if (!v->is_string()) {
                fail = ActionResult::failure("InvalidParameter", f.name + " must be a string");
                return false;
            }
            const std::string str = v->get<std::string>();
            if (f.required && str.empty()) {
                fail = ActionResult::failure("InvalidParameter", f.name + " must not be empty");
                return false;
            }
            if (f.max_length && str.size() > *f.max_length) {
                fail = ActionResult::failure(
                    "InvalidParameter",
                    f.name + " is longer than " + std::to_string(*f.max_length) + " characters");
                return false;
            }
            if (!f.pattern.empty() && !str.empty() && !std::regex_match(str, std::regex(f.pattern))) {
                fail = ActionResult::failure("InvalidParameter", f.name + " must match " + f.pattern_text);
                return false;
            }
        } else if (f.type == spec::Type::Array) {
            if (!v->is_array()) {
                fail = ActionResult::failure("InvalidParameter", f.name + " must be an array of strings");
                return false;
            }
            if (f.max_items && v->size() > *f.max_items) {
                fail = ActionResult::failure(
                    "InvalidParameter", f.name + " has more than " + std::to_string(*f.max_items) + " items");
                return false;
            }
            for (const auto& e : *v) {
                if (!e.is_string() || e.get<std::string>().empty()) {
                    fail = ActionResult::failure("InvalidParameter", f.name + " must hold non-empty strings");
                    return false;
                }
            }
        }
    }
    return true;
}

std::string str_of(const Params& p, const std::string& name) {
    const nlohmann::json* v = find_value(p, name);
    return v && v->is_string() ? v->get<std::string>() : "";
}

using Body = std::function<ActionResult(ActionContext&, const Params&, App&)>;

// Common to the four: parse, validate against the declaration, find the app and check it is the caller's.
ActionHandler handler_for(const std::string& name, Body body) {
    return [name, body](ActionContext& ctx) {
        const spec::ActionSpec* s = nullptr;
        for (const auto& d : spec::callback_action_specs())
            if (d.name == name) s = &d;
        Params p;
        ActionResult fail;
        if (!load_params(ctx, *s, p, fail) || !validate(*s, p, fail)) return fail;
        const std::string app_id = str_of(p, s->fields.front().name);
        ctx.app_id = app_id;
        auto app = ctx.service.console().app(app_id);
        if (!app) return ActionResult::failure("NotExistAppId", "the app " + app_id + " does not exist");
        if (app->account_id != ctx.principal.account_id)
            return ActionResult::failure("NoPermissionForApp",
                                         "the app " + app_id + " is not of this account");
        return body(ctx, p, *app);
    };
}

std::vector<std::string> events_of(const Params& p) {
    std::vector<std::string> out;
    if (const nlohmann::json* v = find_value(p, "EventNames"))
        if (v->is_array())
            for (const auto& e : *v) out.push_back(e.get<std::string>());
    return out;
}

nlohmann::json describe(const App& app) {
    return {{"AppId", app.app_id},
            {"URL", app.callback->url},
            {"SecretKey", app.callback->secret_key},
            {"EventNames", app.callback->events}};
}

}  // namespace

void register_callback_actions(ActionRegistry& registry) {
    auto add = [&registry](const std::string& name, Body body) {
        for (const auto& s : spec::callback_action_specs())
            if (s.name == name)
                registry.add(ActionDef{s.name, s.version, s.method, s.rate_limit, handler_for(name, body)});
    };
    add("CreateCallback", [](ActionContext& ctx, const Params& p, App& app) {
        if (app.callback)
            return ActionResult::failure(
                "CallbackAlreadyExists",
                "the app " + app.app_id + " already has a callback; use UpdateCallback");
        app.callback = AppCallback{str_of(p, "URL"), str_of(p, "SecretKey"), events_of(p)};
        ctx.service.console().put(app);
        return ActionResult::success();
    });
    add("GetCallback", [](ActionContext&, const Params&, App& app) {
        if (!app.callback)
            return ActionResult::failure("CallbackNotFound", "the app " + app.app_id + " has no callback");
        return ActionResult::success(describe(app));
    });
    add("UpdateCallback", [](ActionContext& ctx, const Params& p, App& app) {
        if (!app.callback)
            return ActionResult::failure("CallbackNotFound",
                                         "the app " + app.app_id + " has no callback; use CreateCallback");
        if (find_value(p, "URL")) app.callback->url = str_of(p, "URL");
        if (find_value(p, "SecretKey")) app.callback->secret_key = str_of(p, "SecretKey");
        if (find_value(p, "EventNames")) app.callback->events = events_of(p);
        ctx.service.console().put(app);
        return ActionResult::success();
    });
    add("DeleteCallback", [](ActionContext& ctx, const Params&, App& app) {
        if (!app.callback)
            return ActionResult::failure("CallbackNotFound", "the app " + app.app_id + " has no callback");
        app.callback.reset();
        ctx.service.console().put(app);
        return ActionResult::success();
    });
}

}  // namespace rtc
