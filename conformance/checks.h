// The check kinds a scenario can list. Each judges one call's attempts (what arrived on the wire, as the
// front recorded it) and the client's report, and says PASS, FAIL or SKIP with a reason a user can act on.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/adapter_process.h"
#include "conformance/front.h"
#include "conformance/results.h"

namespace rtc::conformance {

// One call of a scenario and everything observed about it.
struct CallView {
    int number = 0;
    std::string key;         // value of the scenario's CallKey param ("" when there is one call)
    nlohmann::json request;  // what the adapter got on stdin
    AdapterRun run;
    ClientReport report;
    std::vector<Attempt> attempts;  // in arrival order
};

// Callback deliveries the harness made to the adapter's webhook.
struct Delivery {
    std::string kind;  // "valid", "tampered", "duplicate"
    std::string event_id;
    int status = 0;  // 0: no answer
    std::string error;
    std::int64_t elapsed_ms = 0;
};

struct CheckContext {
    const nlohmann::json& check;
    const std::vector<CallView>& calls;
    const std::vector<Delivery>& deliveries;
    std::string session_token;  // the STS token given to the client, if any
};

CheckResult run_check(const CheckContext& ctx);

}  // namespace rtc::conformance
