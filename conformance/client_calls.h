// The client's side of a call scenario: what the adapter is given (the environment of docs/conformance.md and
// one request per call) and the calls themselves, all at once, each matched with the attempts the front
// recorded for it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "conformance/checks.h"
#include "conformance/scenario.h"
#include "core/clock.h"
#include "core/config.h"

namespace rtc::conformance {

struct ClientEnv {
    std::map<std::string, std::string> vars;  // an empty value unsets the variable
    std::string session_token;                // the STS token given to the client, if any
};

// The environment of the scenario's `credentials` ("default", "temporary", "wrong-secret"): the first
// enabled account's keys, or a temporary credential of the config still valid at `clock`'s now.
ClientEnv client_env(const Config& config, const Clock& clock, int front_port,
                     const std::string& credentials);

// Runs the adapter once per call of `s`, all at once, and waits for every one (at most `deadline_ms` each).
// {{n}} in the call's strings is the call number, {{run}} `run_id`.
std::vector<CallView> run_calls(const Scenario& s, const ClientEnv& env, const std::string& client,
                                std::int64_t deadline_ms, const std::string& run_id);

// Gives each call the attempts recorded under its key, in arrival order.
void attach_attempts(std::vector<CallView>& calls, const std::vector<Attempt>& attempts);

}  // namespace rtc::conformance
