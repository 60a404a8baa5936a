// Runs scenarios against a client: sets the mock's state, scripts the front, calls the adapter, judges.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/results.h"
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
