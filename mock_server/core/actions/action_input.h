// What every action handler does first: read its parameters through its declaration, note unknown fields
// and the AppId on the context, and check that the app exists and belongs to the caller.
#pragma once

#include <optional>
#include <string>

#include "core/actions/registry.h"
#include "core/actions/spec.h"
#include "core/actions/validate.h"
#include "core/config.h"

namespace rtc {

// Body (POST) or query (GET) per the declaration; unknown fields go to ctx.unknown_fields (the journal).
validation::Outcome read_params(ActionContext& ctx, const spec::ActionSpec& action);

// The app, or the failure: unknown -> NotExistAppId, another account's -> NoPermissionForApp.
struct AppAccess {
    std::optional<App> app;
    ActionResult failure;
};
AppAccess check_app_access(const ActionContext& ctx, const std::string& app_id);

// The declaration of an action that must exist (a programming error otherwise).
const spec::ActionSpec& declared(const char* action);

}  // namespace rtc
