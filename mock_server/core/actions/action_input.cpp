#include "core/actions/action_input.h"

#include <stdexcept>

#include "core/service.h"

namespace rtc {

validation::Outcome read_params(ActionContext& ctx, const spec::ActionSpec& action) {
    const validation::Options opt = validation::options_from(ctx.service.config());
    validation::Outcome in = action.method == "GET"
                                 ? validation::validate_query(action, ctx.query, opt)
                                 : validation::validate_body(action, ctx.request.body, opt);
    if (action.method != "GET") {
        // A POST action's parameters are in the body; anything else in the query is ignored but noted.
        for (const auto& [k, v] : ctx.query)
            if (!validation::is_gateway_param(k)) in.unknown_fields.push_back("?" + k);
    }
    for (auto& u : in.unknown_fields) ctx.unknown_fields.push_back(std::move(u));
    in.unknown_fields.clear();
    const bool app_id_bad = in.error && in.error->reason == "IllegalAppId";
    if (!app_id_bad && in.value.is_object()) {
        auto it = in.value.find("AppId");
        if (it != in.value.end() && it->is_string()) ctx.app_id = it->get<std::string>();
    }
    return in;
}

AppAccess check_app_access(const ActionContext& ctx, const std::string& app_id) {
    AppAccess out;
    std::optional<App> app = ctx.service.console().app(app_id);
    if (!app) {
        out.failure = ActionResult::failure("NotExistAppId", "AppId " + app_id + " does not exist");
        return out;
    }
    if (app->account_id != ctx.principal.account_id) {
        out.failure = ActionResult::failure("NoPermissionForApp", "AppId " + app_id +
                                                                      " does not belong to the account of "
                                                                      "the access key");
        return out;
    }
    out.app = std::move(app);
    return out;
}

const spec::ActionSpec& declared(const char* action) {
    const spec::ActionSpec* s = spec::find_action_spec(action);
    if (!s) throw std::logic_error(std::string("no declaration for ") + action);
    return *s;
}

}  // namespace rtc
