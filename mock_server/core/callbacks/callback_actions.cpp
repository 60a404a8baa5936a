#include "core/callbacks/callback_actions.h"

#include "core/actions/action_input.h"
#include "core/service.h"

namespace rtc {

namespace {

using Params = nlohmann::json;  // the validated parameters, canonical names, defaults filled in
using Body = std::function<ActionResult(ActionContext&, const Params&, App&)>;

std::string str_of(const Params& p, const std::string& name) {
    auto it = p.find(name);
    return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

// Common to the four: validate against the declaration, find the app and check it is the caller's.
ActionHandler handler_for(const spec::ActionSpec& s, Body body) {
    return [&s, body](ActionContext& ctx) {
        validation::Outcome in = read_params(ctx, s);
        if (!in.ok()) return ActionResult::failure(in.error->reason, in.error->message);
        const std::string app_id = str_of(in.value, s.fields.front().name);
        ctx.app_id = app_id;
        AppAccess access = check_app_access(ctx, app_id);
        if (!access.app) return access.failure;
        return body(ctx, in.value, *access.app);
    };
}

std::vector<std::string> events_of(const Params& p) {
    std::vector<std::string> out;
    auto it = p.find("EventNames");
    if (it != p.end() && it->is_array())
        for (const auto& e : *it) out.push_back(e.get<std::string>());
    return out;
}

nlohmann::json describe(const App& app) {
    return {{"AppId", app.app_id},
            {"URL", app.callback->url},
            {"SecretKey", app.callback->secret_key},
            {"EventNames", app.callback->events}};
}

}  // namespace

std::map<std::string, ActionHandler> callback_action_handlers() {
    std::map<std::string, ActionHandler> out;
    auto add = [&out](const std::string& name, Body body) {
        for (const auto& s : spec::callback_action_specs())
            if (s.name == name) out[name] = handler_for(s, body);
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
        if (p.contains("URL")) app.callback->url = str_of(p, "URL");
        if (p.contains("SecretKey")) app.callback->secret_key = str_of(p, "SecretKey");
        if (p.contains("EventNames")) app.callback->events = events_of(p);
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
    return out;
}

}  // namespace rtc
