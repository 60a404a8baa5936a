// The callback configuration actions of the RTC OpenAPI: CreateCallback, GetCallback, UpdateCallback,
// DeleteCallback (declared in callbacks/spec.cpp). Signed and throttled like every action; each sees only the
// callbacks backend.
#pragma once

#include "core/actions/registry.h"
#include "core/callbacks/backend.h"

namespace rtc::callbacks {

// Pairs each declaration of callbacks/spec.cpp with its handler, bound to `backend`.
void register_callback_actions(ActionRegistry& registry, CallbackBackend& backend);

}  // namespace rtc::callbacks
