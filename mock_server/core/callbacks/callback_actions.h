// The callback configuration actions of the RTC OpenAPI: CreateCallback, GetCallback, UpdateCallback,
// DeleteCallback. Signed and throttled like every action; they change the app's callback in the Console.
#pragma once

#include <vector>

#include "core/actions/registry.h"
#include "core/actions/spec.h"

namespace rtc {

void register_callback_actions(ActionRegistry& registry);

namespace spec {
// Their declarations; action_specs() should include these (see docs/lifecycle.md).
const std::vector<ActionSpec>& callback_action_specs();
}  // namespace spec

}  // namespace rtc
