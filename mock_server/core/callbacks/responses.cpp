#include "core/callbacks/responses.h"

#include "core/actions/action_input.h"
#include "core/timefmt.h"

namespace rtc::callbacks {

namespace {

using nlohmann::json;

std::string str_of(const Params& p, const std::string& name) {
    return p.str_or(name, "");
}

std::vector<std::string> events_of(const Params& p) {
    std::vector<std::string> out;
    if (!p.contains("EventList")) return out;
    const Params::Ref list = p.at("EventList");
    if (list.kind() != Params::Kind::Array) return out;
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(list[i].string());
    return out;
}

// "its default callback" / "a callback for BusinessId b", for messages.
std::string which(const std::string& app, const std::string& business) {
    return "the app " + app +
           (business.empty() ? " (its default setting, BusinessId \"\")" : " with BusinessId " + business);
}

ActionResult not_found(const std::string& app, const std::string& business) {
    return ActionResult::failure("CallbackNotFound", "no callback setting for " + which(app, business));
}

// A setting as GetCallback lists it (docs/service-facts.md §5, the Go model's
// GetCallbackResResultCallbacksItem). A time of 0 (a setting of the fixture, set before the clock ran) is "".
json listed(const CallbackSetting& s, const App& app, const std::string& region) {
    auto time = [](TimeMs t) { return t ? format_rfc3339(t) : std::string(); };
    return {{"AccountId", app.account_id},        {"AppId", s.app_id},
            {"BusinessId", s.business_id},        {"CreatedAt", time(s.created_at)},
            {"EventList", s.callback.events},     {"Region", region},
            {"SecretKey", s.callback.secret_key}, {"URL", s.callback.url},
            {"UpdatedAt", time(s.updated_at)}};
}

ActionResult changed(const CallbackBackend& b) {
    return ActionResult::success(b.settings().changed_result);
}

ActionResult create_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.apps(), in)) return *failed;
    const std::string& app = in.app.app_id;
    const Params& p = in.params;
    const std::string business = str_of(p, "BusinessId");
    if (b.store().get(app, business))
        return ActionResult::failure("CallbackAlreadyExists",
                                     which(app, business) + " already has a callback; use UpdateCallback");
    b.store().put(app, business, AppCallback{str_of(p, "URL"), str_of(p, "SecretKey"), events_of(p)},
                  ctx.now);
    return changed(b);
}

ActionResult get_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.apps(), in)) return *failed;
    const auto settings = b.store().of_app(in.app.app_id);
    if (settings.empty())
        return ActionResult::failure("CallbackNotFound", "the app " + in.app.app_id + " has no callback");
    json result = json::object();
    if (b.settings().get_callback_top_level) {
        // Scalars only: the Go model types the top-level copies as strings (an EventList array there would
        // break its decoding); the events keep the mock's earlier name.
        result = listed(settings.front(), in.app, b.region());
        result.erase("EventList");
        result["EventNames"] = settings.front().callback.events;
    }
    json list = json::array();
    for (const auto& s : settings) list.push_back(listed(s, in.app, b.region()));
    result["Callbacks"] = std::move(list);
    return ActionResult::success(std::move(result));
}

ActionResult update_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.apps(), in)) return *failed;
    const std::string& app = in.app.app_id;
    const Params& p = in.params;
    const std::string business = str_of(p, "BusinessID");
    auto s = b.store().get(app, business);
    if (!s) return not_found(app, business);
    AppCallback cb = s->callback;
    if (b.settings().update_empty_means_unchanged) {
        // "" and null arrive for every field the caller left unset (the Go SDK sends them all).
        if (p.contains("URL")) cb.url = str_of(p, "URL");
        if (p.contains("SecretKey")) cb.secret_key = str_of(p, "SecretKey");
        if (p.contains("EventList")) cb.events = events_of(p);
    } else {
        if (!p.contains("URL"))
            return ActionResult::failure("MissingField",
                                         "URL is required: UpdateCallback replaces the whole setting "
                                         "(Callbacks.UpdateEmptyMeansUnchanged is false)");
        cb = AppCallback{str_of(p, "URL"), str_of(p, "SecretKey"), events_of(p)};
    }
    b.store().put(app, business, cb, ctx.now);
    return changed(b);
}

ActionResult delete_callback(CallbackBackend& b, ActionContext& ctx) {
    Admitted in;
    if (auto failed = admit(ctx, b.apps(), in)) return *failed;
    const std::string business = str_of(in.params, "BusinessId");
    if (!b.store().remove(in.app.app_id, business)) return not_found(in.app.app_id, business);
    return changed(b);
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
