// A scenario's verdict from its checks, and the evidence the JSON report keeps of what was observed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/checks.h"
#include "conformance/results.h"
#include "conformance/scenario.h"

namespace rtc::conformance {

// Runs the checks of `s` and sets `res.checks`, `res.verdict` and `res.why`: SKIP with the first skipping
// check's reason (a precondition the mock cannot meet outweighs a failure), else FAIL with the first failing
// check's reason, else PASS with the scenario's rationale.
void judge(const Scenario& s, const std::vector<CallView>& calls, const std::vector<Delivery>& deliveries,
           const std::string& session_token, ScenarioResult& res);

// The calls (request, report, every attempt with its answer) and the callback deliveries.
nlohmann::json evidence(const std::vector<CallView>& calls, const std::vector<Delivery>& deliveries);

}  // namespace rtc::conformance
