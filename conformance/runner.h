// Runs scenarios against a client: sets the mock's state, scripts the front, calls the adapter, judges.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/scenario.h"
#include "core/config.h"

namespace rtc::conformance {

struct RunOptions {
    std::string client;                     // the adapter command
    std::string mock_url;                   // empty: an in-process mock
    std::string admin_token;                // for --mock-url
    std::int64_t call_deadline_ms = 30000;  // the adapter is killed after this long
    std::string callback_secret = "conformance-callback-secret";
    bool verbose = false;
};

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

class Runner {
  public:
    Runner(Config config, RunOptions options);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;
    SuiteResult run(const std::vector<Scenario>& scenarios);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace rtc::conformance
