#include "core/callbacks/responses.h"

#include "core/actions/action_input.h"

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

ActionResult create_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.console(), in)) return *failed;
    const std::string& app = in.app.app_id;
    if (b.store().get(app, ""))
        return ActionResult::failure("CallbackAlreadyExists",
                                     "the app " + app + " already has a callback; use UpdateCallback");
    const Params& p = in.params;
    b.store().put(app, "", AppCallback{str_of(p, "URL"), str_of(p, "SecretKey"), events_of(p)}, ctx.now);
    return ActionResult::success();
}

ActionResult get_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.console(), in)) return *failed;
    auto s = b.store().get(in.app.app_id, "");
    if (!s) return ActionResult::failure("CallbackNotFound", "the app " + in.app.app_id + " has no callback");
    return ActionResult::success(describe(*s));
}

ActionResult update_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.console(), in)) return *failed;
    const std::string& app = in.app.app_id;
    auto s = b.store().get(app, "");
    if (!s)
        return ActionResult::failure("CallbackNotFound",
                                     "the app " + app + " has no callback; use CreateCallback");
    const Params& p = in.params;
    AppCallback cb = s->callback;
    if (p.contains("URL")) cb.url = str_of(p, "URL");
    if (p.contains("SecretKey")) cb.secret_key = str_of(p, "SecretKey");
    if (p.contains("EventNames")) cb.events = events_of(p);
    b.store().put(app, "", cb, ctx.now);
    return ActionResult::success();
}

ActionResult delete_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.console(), in)) return *failed;
    if (!b.store().remove(in.app.app_id, ""))
        return ActionResult::failure("CallbackNotFound", "the app " + in.app.app_id + " has no callback");
    return ActionResult::success();
}

}  // namespace

void register_callback_actions(ActionRegistry& registry, CallbackBackend& backend) {
    register_family<CallbackBackend>(registry, backend,
                                     {{"CreateCallback", create_callback},
                                      {"GetCallback", get_callback},
                                      {"UpdateCallback", update_callback},
                                      {"DeleteCallback", delete_callback}});
}

}  // namespace rtc::callbacks
