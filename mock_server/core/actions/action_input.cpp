#include "core/actions/action_input.h"

#include "core/console/console.h"

namespace rtc {

namespace {

// The declared field that names the app ("AppId", or "AppID" on the callback actions).
const spec::Field* app_field(const spec::ActionSpec& action) {
    for (const auto& f : action.fields)
        if (iequals(f.name, "AppId")) return &f;
    return nullptr;
}

}  // namespace

validation::Outcome read_params(ActionContext& ctx) {
    const spec::ActionSpec& action = ctx.action;
    validation::Outcome in = action.method == "GET"
                                 ? validation::validate_query(action, ctx.query, ctx.validation)
                                 : validation::validate_body(action, ctx.request.body, ctx.validation);
    if (action.method != "GET") {
        // A POST action's parameters are in the body; anything else in the query is ignored but noted.
        for (const auto& [k, v] : ctx.query)
            if (!validation::is_gateway_param(k)) in.unknown_fields.push_back("?" + k);
    }
    for (auto& u : in.unknown_fields) ctx.unknown_fields.push_back(std::move(u));
    in.unknown_fields.clear();
    const bool app_id_bad = in.error && in.error->reason == "IllegalAppId";
    const spec::Field* f = app_field(action);
    if (f && !app_id_bad && in.value.is_object()) {
        auto it = in.value.find(f->name);
        if (it != in.value.end() && it->is_string()) ctx.app_id = it->get<std::string>();
    }
    return in;
}

AppAccess check_app_access(const Console& console, const signing::Principal& caller,
                           const std::string& app_id) {
    AppAccess out;
    std::optional<App> app = console.app(app_id);
    if (!app) {
        out.failure = ActionResult::failure("NotExistAppId", "AppId " + app_id + " does not exist");
        return out;
    }
    if (app->account_id != caller.account_id) {
        out.failure = ActionResult::failure("NoPermissionForApp", "AppId " + app_id +
                                                                      " does not belong to the account of "
                                                                      "the access key");
        return out;
    }
    out.app = std::move(app);
    return out;
}

std::optional<ActionResult> admit(ActionContext& ctx, const Console& console, Admitted& out) {
    validation::Outcome in = read_params(ctx);
    if (!in.ok()) return ActionResult::failure(in.error->reason, in.error->message);
    AppAccess access = check_app_access(console, ctx.principal, ctx.app_id);
    if (!access.app) return access.failure;
    out.params = std::move(in.value);
    out.app = std::move(*access.app);
    return std::nullopt;
}

}  // namespace rtc
