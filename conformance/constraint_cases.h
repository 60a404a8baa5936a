// Constraint scenarios generated from the action declarations (core/actions/spec.h), so that every declared
// range, length, pattern, item count and required field is exercised without writing a case by hand: the
// boundary (valid), one past it (invalid), a wrong type and a missing required field. A valid case expects
// the client to send the value intact and report success; an invalid one expects the client to surface the
// mock's InvalidParameter error without retrying it. A scenario carries the console state its action needs
// first (GetCallback, UpdateCallback and DeleteCallback: an existing callback of the app).
#pragma once

#include <string>
#include <vector>

#include "conformance/scenario.h"
#include "core/actions/spec.h"

namespace rtc::conformance {

// `app_id` is an app of the default account with every console switch on.
std::vector<Scenario> constraint_scenarios(const std::vector<spec::ActionSpec>& specs,
                                           const std::string& app_id);

}  // namespace rtc::conformance
