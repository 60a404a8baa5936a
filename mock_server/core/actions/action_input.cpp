#include "core/actions/action_input.h"

namespace rtc {

namespace {

// The declared field of that name in any case ("AppId", or "AppID" on the callback actions; "BusinessID" on
// UpdateCallback).
const spec::Field* field_named(const spec::ActionSpec& action, const char* name) {
    for (const auto& f : action.fields)
        if (iequals(f.name, name)) return &f;
    return nullptr;
}

// The validated value of that field, or "" (absent, or refused by the validator).
std::string string_param(const spec::ActionSpec& action, const Params& params, const char* name) {
    const spec::Field* f = field_named(action, name);
    return f ? params.str_or(f->name, "") : "";
}

}  // namespace

validation::Outcome read_params(ActionContext& ctx) {
    const spec::ActionSpec& action = ctx.action;
    validation::Outcome in =
        validation::validate_request(action, ctx.query, ctx.request.body, ctx.validation);
    for (auto& u : in.unknown_fields) ctx.journal.unknown_fields.push_back(std::move(u));
    in.unknown_fields.clear();
    const bool app_id_bad = in.error && in.error->reason == "IllegalAppId";
    if (!app_id_bad)
        if (std::string app = string_param(action, in.value, "AppId"); !app.empty())
            ctx.journal.app_id = std::move(app);
    if (in.ok()) ctx.journal.business_id = string_param(action, in.value, "BusinessId");
    return in;
}

AppAccess check_app_access(const state::Apps& apps, const signing::Principal& caller,
                           const std::string& app_id) {
    AppAccess out;
    std::optional<App> app = apps.find(app_id);
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

std::optional<ActionResult> admit(ActionContext& ctx, const state::Apps& apps, Admitted& out) {
    validation::Outcome in = read_params(ctx);
    if (!in.ok()) return ActionResult::failure(in.error->reason, in.error->message);
    AppAccess access = check_app_access(apps, ctx.principal, ctx.journal.app_id);
    if (!access.app) return *access.failure;
    out.params = std::move(in.value);
    out.app = std::move(*access.app);
    return std::nullopt;
}

}  // namespace rtc
