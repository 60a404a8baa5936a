// Where the declarations live: one file per service, next to its handlers (moto-style folders).
#pragma once

#include <vector>

#include "core/actions/spec.h"

namespace rtc::spec {

std::vector<ActionSpec> webcast_action_specs();          // core/webcast/spec.cpp
std::vector<ActionSpec> wbrecord_action_specs();         // core/wbrecord/spec.cpp
const std::vector<ActionSpec>& callback_action_specs();  // core/callbacks/spec.cpp

}  // namespace rtc::spec
