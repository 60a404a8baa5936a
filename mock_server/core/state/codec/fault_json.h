// A stored fault rule as JSON, as the Redis engine keeps it (and the state export writes it): what the admin
// gave, its id, and its run-time state (created, expiry, count left, applied, and the generator's state, so a
// seeded rule goes on drawing the same sequence wherever it is read back). decode throws
// std::invalid_argument naming a bad field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/faults/fault_rule.h"

namespace rtc::state::codec {

nlohmann::json encode(const faults::FaultRule& rule);
faults::FaultRule decode_fault_rule(const nlohmann::json& j);

}  // namespace rtc::state::codec
