// The kinds of fault a rule can inject (a closed set; text only where JSON is read or written).
#pragma once

#include <optional>
#include <string_view>

namespace rtc::faults {

enum class FaultType { Latency, Error, Drop, Reset, Throttle };
constexpr int kFaultTypeCount = 5;
const char* type_name(FaultType t);
std::optional<FaultType> fault_type_from(std::string_view name);

}  // namespace rtc::faults
