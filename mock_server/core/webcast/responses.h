// The Webcast actions: StartWebcast, StopWebcast, GetWebCastTask (declared in webcast/spec.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "core/actions/registry.h"
#include "core/webcast/models.h"

namespace rtc::webcast {

ActionResult start_webcast(ActionContext& ctx);
ActionResult stop_webcast(ActionContext& ctx);
ActionResult get_webcast_task(ActionContext& ctx);

// A validated, defaults-filled StartWebcast body (canonical names) as the task model.
WebcastSpec spec_from_params(const nlohmann::json& params);
// GetWebCastTask's WebCastTask object: StartTime, EndTime (Unix ms), Status, StopReason, UserId, SourceURL,
// MaxRunningTime, VideoSolutions, EventNotifyConfig, MonitorConfig.
nlohmann::json webcast_task_json(const WebcastTask& task);

}  // namespace rtc::webcast
