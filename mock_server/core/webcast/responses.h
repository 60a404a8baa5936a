// The Webcast actions: StartWebcast, StopWebcast, GetWebCastTask (declared in webcast/spec.cpp). Each sees
// only the Webcast backend.
#pragma once

#include <nlohmann/json.hpp>

#include "core/actions/registry.h"
#include "core/json/params.h"
#include "core/webcast/backend.h"

namespace rtc::webcast {

ActionResult start_webcast(WebcastBackend& backend, ActionContext& ctx);
ActionResult stop_webcast(WebcastBackend& backend, ActionContext& ctx);
ActionResult get_webcast_task(WebcastBackend& backend, ActionContext& ctx);

// A validated, defaults-filled StartWebcast body (canonical names) as the task model.
WebcastSpec spec_from_params(const Params& params);

// Pairs each declaration of webcast/spec.cpp with its handler, bound to `backend` (urls.cpp).
void register_webcast_actions(ActionRegistry& registry, WebcastBackend& backend);

}  // namespace rtc::webcast
