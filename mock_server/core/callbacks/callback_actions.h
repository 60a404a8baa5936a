// The callback configuration actions of the RTC OpenAPI: CreateCallback, GetCallback, UpdateCallback,
// DeleteCallback. Signed and throttled like every action; they change the app's callback in the Console.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/actions/registry.h"
#include "core/actions/spec.h"

namespace rtc {

// Their handlers by action name; register_all_actions pairs them with the declarations.
std::map<std::string, ActionHandler> callback_action_handlers();

namespace spec {
// Their declarations (core/callbacks/spec.cpp), part of action_specs().
const std::vector<ActionSpec>& callback_action_specs();
}  // namespace spec

}  // namespace rtc
