#include "core/actions/spec.h"
#include "core/callbacks/callback_actions.h"
#include "core/service.h"

namespace rtc {

// TODO(issue 4): real handlers. Until then every declared action is routed and authenticated, then answers
// InternalError, so the signing and rate-limit layers can be exercised end to end.
void register_all_actions(ActionRegistry& registry) {
    for (const auto& s : spec::action_specs()) {
        registry.add(ActionDef{s.name, s.version, s.method, s.rate_limit, [](ActionContext&) {
                                   return ActionResult::failure("ServiceInternalError",
                                                                "not implemented yet");
                               }});
    }
    register_callback_actions(registry);
}

}  // namespace rtc
