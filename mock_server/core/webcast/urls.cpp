// The Webcast family's actions, by name: declaration (spec.cpp) + handler (responses.cpp) + backend.
#include "core/actions/spec_sources.h"
#include "core/webcast/responses.h"

namespace rtc::webcast {

void register_webcast_actions(ActionRegistry& registry, WebcastBackend& backend) {
    using Handler = ActionResult (*)(WebcastBackend&, ActionContext&);
    const std::pair<const char*, Handler> handlers[] = {
        {"StartWebcast", start_webcast},
        {"StopWebcast", stop_webcast},
        {"GetWebCastTask", get_webcast_task},
    };
    for (const auto& [name, handler] : handlers)
        registry.add(spec::declared(name),
                     [&backend, h = handler](ActionContext& ctx) { return h(backend, ctx); });
}

}  // namespace rtc::webcast
