// The whiteboard recording actions: StartWBRecord, StopWBRecord (declared in wbrecord/spec.cpp).
#pragma once

#include "core/actions/registry.h"

namespace rtc::wbrecord {

ActionResult start_wb_record(ActionContext& ctx);
ActionResult stop_wb_record(ActionContext& ctx);

}  // namespace rtc::wbrecord
