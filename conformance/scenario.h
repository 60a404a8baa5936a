// A conformance scenario as data (fixtures/conformance/*.json): what to set up, what to ask the client, how
// the front answers each attempt, and which checks decide the verdict. The runner interprets it; the C++ code
// only implements the answer and check kinds.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rtc::conformance {

struct Scenario {
    std::string id;
    std::string title;
    std::string level;  // "MUST" or "SHOULD"
    std::string why;
    std::string doc;          // where the rule comes from: docs/service-facts.md section, repo doc
    std::string credentials;  // "default", "temporary", "wrong-secret"
    nlohmann::json console;   // [{"AppId":..., settings...}] applied before the calls
    nlohmann::json call;  // {"Action","Version","Method","Params"}; "{{n}}" in a string is the call number
    int calls = 1;        // how many calls, all at once
    std::string call_key = "TaskId";  // the param that tells the calls' attempts apart
    nlohmann::json responses;  // per attempt of a call; the last one repeats. Absent: [{"Answer":"mock"}]
    nlohmann::json callback;   // callback scenarios: {"Send":["valid","duplicate"]}
    nlohmann::json checks;     // [{"Kind":...}]
    std::string source;        // file it was read from, or "generated from action_specs()"
};

// Parses one scenario; throws std::runtime_error naming the field and the problem.
Scenario scenario_from_json(const nlohmann::json& doc, const std::string& source);
// Every *.json in `dir`, sorted by file name.
std::vector<Scenario> load_catalogue(const std::string& dir);

}  // namespace rtc::conformance
