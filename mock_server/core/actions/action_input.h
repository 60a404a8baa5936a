// What every action handler does first: read its parameters through its declaration, note unknown fields
// and the AppId on the context, and check that the app exists and belongs to the caller.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/actions/registry.h"
#include "core/actions/spec.h"
#include "core/actions/validate.h"
#include "core/models/app.h"
#include "core/state/apps.h"

namespace rtc {

// Each field from where the routed declaration places it (body or query); unknown fields go to
// ctx.unknown_fields (journal).
validation::Outcome read_params(ActionContext& ctx);

// The app, or the failure: unknown -> NotExistAppId, another account's -> NoPermissionForApp.
struct AppAccess {
    std::optional<App> app;
    std::optional<ActionResult> failure;  // when there is no app
};
AppAccess check_app_access(const state::Apps& apps, const signing::Principal& caller,
                           const std::string& app_id);

// Both: the parameters, then the app they name (the declaration's first field whose name is AppId in any
// case: `AppID` on some actions). On success fills `params` (canonical names, defaults) and `app`.
struct Admitted {
    Params params;
    App app;
};
std::optional<ActionResult> admit(ActionContext& ctx, const state::Apps& apps, Admitted& out);

}  // namespace rtc
