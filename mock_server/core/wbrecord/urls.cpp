// The whiteboard recording family's actions, by name: declaration (spec.cpp) + handler (responses.cpp).
#include "core/wbrecord/responses.h"

namespace rtc::wbrecord {

void register_wbrecord_actions(ActionRegistry& registry, WbRecordBackend& backend) {
    register_family<WbRecordBackend>(registry, backend,
                                     {{"StartWBRecord", start_wb_record}, {"StopWBRecord", stop_wb_record}});
}

}  // namespace rtc::wbrecord
