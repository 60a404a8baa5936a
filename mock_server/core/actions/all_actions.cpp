#include <map>
#include <stdexcept>

#include "core/actions/spec.h"
#include "core/callbacks/callback_actions.h"
#include "core/service.h"
#include "core/wbrecord/responses.h"
#include "core/webcast/responses.h"

namespace rtc {

// Every declared action with its handler; method, version and rate limit come from the declaration.
void register_all_actions(ActionRegistry& registry) {
    std::map<std::string, ActionHandler> handlers = {
        {"StartWebcast", webcast::start_webcast},      {"StopWebcast", webcast::stop_webcast},
        {"GetWebCastTask", webcast::get_webcast_task}, {"StartWBRecord", wbrecord::start_wb_record},
        {"StopWBRecord", wbrecord::stop_wb_record},
    };
    handlers.merge(callback_action_handlers());
    for (const auto& s : spec::action_specs()) {
        auto h = handlers.find(s.name);
        if (h == handlers.end()) throw std::logic_error("no handler for the declared action " + s.name);
        registry.add(ActionDef{s.name, s.version, s.method, s.rate_limit, h->second});
    }
}

}  // namespace rtc
