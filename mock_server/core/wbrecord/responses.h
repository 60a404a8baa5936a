// The whiteboard recording actions: StartWBRecord, StopWBRecord (declared in wbrecord/spec.cpp). Each sees
// only the WBRecord backend.
#pragma once

#include "core/actions/registry.h"
#include "core/wbrecord/backend.h"

namespace rtc::wbrecord {

ActionResult start_wb_record(WbRecordBackend& backend, ActionContext& ctx);
ActionResult stop_wb_record(WbRecordBackend& backend, ActionContext& ctx);

// Pairs each declaration of wbrecord/spec.cpp with its handler, bound to `backend` (urls.cpp).
void register_wbrecord_actions(ActionRegistry& registry, WbRecordBackend& backend);

}  // namespace rtc::wbrecord
