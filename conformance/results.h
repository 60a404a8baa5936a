// What a run found: each check's verdict, each scenario's, and the suite's score (the report writes them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rtc::conformance {

struct CheckResult {
    std::string kind;
    std::string verdict;  // "PASS", "FAIL", "SKIP"
    std::string why;
};

struct ScenarioResult {
    std::string id, title, level, doc, scenario_why;
    std::string verdict;  // "PASS", "FAIL", "SKIP"
    std::string why;      // the first failing (or skipping) check's reason; the scenario's why on a pass
    std::vector<CheckResult> checks;
    std::int64_t duration_ms = 0;
    nlohmann::json evidence;  // attempts and client reports, for the JSON report
};

struct SuiteResult {
    std::string client;
    std::string mock;
    std::vector<ScenarioResult> scenarios;
    int must_total = 0, must_passed = 0, must_failed = 0;
    int should_total = 0, should_passed = 0, should_failed = 0;
    int skipped = 0;
    double percent = 0;  // passed / (passed + failed)
    bool any_must_failed() const { return must_failed > 0; }
};

}  // namespace rtc::conformance
