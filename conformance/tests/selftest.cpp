// The harness's own tests: the reference client passes every scenario, and each deliberately broken client
// fails exactly the scenarios that concern its mistake (and nothing else), so a verdict can be trusted.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "conformance/constraint_cases.h"
#include "conformance/runner.h"
#include "conformance/scenario.h"
#include "core/config.h"

using namespace rtc::conformance;

namespace {

std::set<std::string> run_client(const std::string& flags, std::set<std::string>* skipped = nullptr) {
    rtc::Config config = rtc::load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
    std::vector<Scenario> catalogue = load_catalogue(std::string(RTC_SOURCE_DIR) + "/fixtures/conformance");
    RunOptions opts;
    opts.client = std::string("RTC_CLIENT_TIMEOUT_MS=3000 ") + RTC_REFERENCE_CLIENT + flags;
    Runner runner(config, opts);
    SuiteResult r = runner.run(catalogue);
    std::set<std::string> failed;
    for (const auto& s : r.scenarios) {
        if (s.verdict == "FAIL") {
            failed.insert(s.id);
            UNSCOPED_INFO(s.id << ": " << s.why);
        }
        if (s.verdict == "SKIP" && skipped) skipped->insert(s.id);
    }
    return failed;
}

}  // namespace

TEST_CASE("the reference client passes every scenario of the catalogue", "[selftest]") {
    std::set<std::string> skipped;
    CHECK(run_client("", &skipped).empty());
    // Only scenarios whose precondition the mock does not meet yet may be skipped.
    for (const auto& id : skipped) CHECK(id == "signalling-mode-surfaced");
}
