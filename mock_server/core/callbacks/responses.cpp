#include "core/callbacks/responses.h"

#include "core/actions/action_input.h"
#include "core/actions/spec_sources.h"

namespace rtc::callbacks {

namespace {

using Params = nlohmann::json;  // the validated parameters, canonical names, defaults filled in

std::string str_of(const Params& p, const std::string& name) {
    auto it = p.find(name);
    return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> events_of(const Params& p) {
    std::vector<std::string> out;
    auto it = p.find("EventNames");
    if (it != p.end() && it->is_array())
        for (const auto& e : *it) out.push_back(e.get<std::string>());
    return out;
}

nlohmann::json describe(const CallbackSetting& s) {
    return {{"AppId", s.app_id},
            {"URL", s.callback.url},
            {"SecretKey", s.callback.secret_key},
            {"EventNames", s.callback.events}};
}

ActionResult create_callback(CallbackBackend& b, ActionContext& ctx, const Params& p, const App& app) {
    if (b.store().get(app.app_id, ""))
        return ActionResult::failure("CallbackAlreadyExists",
                                     "the app " + app.app_id + " already has a callback; use UpdateCallback");
    b.store().put(app.app_id, "", AppCallback{str_of(p, "URL"), str_of(p, "SecretKey"), events_of(p)},
                  ctx.now);
    return ActionResult::success();
}

ActionResult get_callback(CallbackBackend& b, ActionContext&, const Params&, const App& app) {
    auto s = b.store().get(app.app_id, "");
    if (!s) return ActionResult::failure("CallbackNotFound", "the app " + app.app_id + " has no callback");
    return ActionResult::success(describe(*s));
}

ActionResult update_callback(CallbackBackend& b, ActionContext& ctx, const Params& p, const App& app) {
    auto s = b.store().get(app.app_id, "");
    if (!s)
        return ActionResult::failure("CallbackNotFound",
                                     "the app " + app.app_id + " has no callback; use CreateCallback");
    AppCallback cb = s->callback;
    if (p.contains("URL")) cb.url = str_of(p, "URL");
    if (p.contains("SecretKey")) cb.secret_key = str_of(p, "SecretKey");
    if (p.contains("EventNames")) cb.events = events_of(p);
    b.store().put(app.app_id, "", cb, ctx.now);
    return ActionResult::success();
}

ActionResult delete_callback(CallbackBackend& b, ActionContext&, const Params&, const App& app) {
    if (!b.store().remove(app.app_id, ""))
        return ActionResult::failure("CallbackNotFound", "the app " + app.app_id + " has no callback");
    return ActionResult::success();
}

}  // namespace

void register_callback_actions(ActionRegistry& registry, CallbackBackend& backend) {
    using Body = ActionResult (*)(CallbackBackend&, ActionContext&, const Params&, const App&);
    const std::pair<const char*, Body> handlers[] = {
        {"CreateCallback", create_callback},
        {"GetCallback", get_callback},
        {"UpdateCallback", update_callback},
        {"DeleteCallback", delete_callback},
    };
    // Common to the four: validate against the declaration, find the app and check it is the caller's.
    for (const auto& [name, body] : handlers)
        registry.add(spec::declared(name), [&backend, body = body](ActionContext& ctx) {
            Admitted in;
            if (auto failed = admit(ctx, backend.console(), in)) return *failed;
            return body(backend, ctx, in.params, in.app);
        });
}

}  // namespace rtc::callbacks
