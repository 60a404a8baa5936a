// The Webcast family's actions, by name: declaration (spec.cpp) + handler (responses.cpp) + backend.
#include "core/webcast/responses.h"

namespace rtc::webcast {

void register_webcast_actions(ActionRegistry& registry, WebcastBackend& backend) {
    register_family<WebcastBackend>(registry, backend,
                                    {{"StartWebcast", start_webcast},
                                     {"StopWebcast", stop_webcast},
                                     {"GetWebCastTask", get_webcast_task}});
}

}  // namespace rtc::webcast
