// The whiteboard recording family's actions, by name: declaration (spec.cpp) + handler (responses.cpp).
#include "core/actions/spec_sources.h"
#include "core/wbrecord/responses.h"

namespace rtc::wbrecord {

void register_wbrecord_actions(ActionRegistry& registry, WbRecordBackend& backend) {
    using Handler = ActionResult (*)(WbRecordBackend&, ActionContext&);
    const std::pair<const char*, Handler> handlers[] = {
        {"StartWBRecord", start_wb_record},
        {"StopWBRecord", stop_wb_record},
    };
    for (const auto& [name, handler] : handlers)
        registry.add(spec::declared(name),
                     [&backend, h = handler](ActionContext& ctx) { return h(backend, ctx); });
}

}  // namespace rtc::wbrecord
