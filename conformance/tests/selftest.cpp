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

using Ids = std::set<std::string>;

struct Verdicts {
    Ids failed, skipped;
};

// Runs the whole catalogue against the reference client with `flags` (short timeouts to keep it fast), and
// with `generated` also the constraint scenarios of every declared action, as rtc-conformance does.
Verdicts run_client(const std::string& flags, bool generated = false) {
    rtc::Config config = rtc::load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
    std::vector<Scenario> catalogue = load_catalogue(std::string(RTC_SOURCE_DIR) + "/fixtures/conformance");
    if (generated)
        for (auto& s : constraint_scenarios(rtc::spec::action_specs(), config.apps.front().app_id))
            catalogue.push_back(std::move(s));
    RunOptions opts;
    opts.client =
        std::string("RTC_CLIENT_TIMEOUT_MS=2000 RTC_CLIENT_BACKOFF_MS=100 ") + RTC_REFERENCE_CLIENT + flags;
    Runner runner(config, opts);
    SuiteResult r = runner.run(catalogue);
    Verdicts out;
    for (const auto& s : r.scenarios) {
        if (s.verdict == "FAIL") {
            out.failed.insert(s.id);
            UNSCOPED_INFO("FAIL " << s.id << ": " << s.why);
        }
        if (s.verdict == "SKIP") {
            out.skipped.insert(s.id);
            UNSCOPED_INFO("SKIP " << s.id << ": " << s.why);
        }
    }
    return out;
}

}  // namespace

TEST_CASE(
    "the reference client passes every scenario of the catalogue and every generated constraint scenario, "
    "none skipped",
    "[selftest]") {
    Verdicts o = run_client("", true);
    CHECK(o.failed == Ids{});
    CHECK(o.skipped == Ids{});
}

TEST_CASE("a client that glues query values into the URL unescaped fails the reserved-characters scenario",
          "[selftest]") {
    CHECK(run_client(" --break=query-encoding").failed == Ids{"query-reserved-chars"});
}

TEST_CASE("a client that ignores an Error inside HTTP 200 fails the HTTP 200 + Error scenario",
          "[selftest]") {
    CHECK(run_client(" --break=ignore-200-error").failed == Ids{"error-on-http-200"});
}

TEST_CASE("a client that retries 429 in a hot loop fails the Retry-After and pacing scenarios",
          "[selftest]") {
    CHECK(run_client(" --break=hot-429").failed == Ids{"throttle-429-retry-after", "pacing-under-limits"});
}

TEST_CASE("a client that resends the first signature on retries fails the fresh X-Date scenario",
          "[selftest]") {
    CHECK(run_client(" --break=stale-x-date").failed == Ids{"fresh-x-date-per-attempt"});
}

TEST_CASE(
    "a client that retries 4xx errors fails the not-retried scenarios and retries the signalling failure",
    "[selftest]") {
    CHECK(run_client(" --break=retry-4xx").failed ==
          Ids{"auth-error-not-retried", "param-error-not-retried", "signalling-mode-surfaced"});
}

TEST_CASE("a client that drops the session token fails the temporary credentials scenario", "[selftest]") {
    CHECK(run_client(" --break=no-session-token").failed == Ids{"temporary-credentials"});
}

TEST_CASE("a webhook that does not verify signatures fails the tampered callback scenario", "[selftest]") {
    CHECK(run_client(" --break=callback-no-verify").failed == Ids{"callback-tampered-rejected"});
}

TEST_CASE("a webhook that refuses a duplicate EventId fails the duplicate callback scenario", "[selftest]") {
    CHECK(run_client(" --break=callback-reject-duplicate").failed == Ids{"callback-duplicate-acknowledged"});
}

TEST_CASE("an adapter that prints no JSON fails every scenario that calls it, with the reason",
          "[selftest]") {
    rtc::Config config = rtc::load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
    Scenario s =
        scenario_from_json(nlohmann::json::parse(R"({"Id":"x","Title":"t","Level":"MUST","Why":"w","Doc":"d",
            "Call":{"Action":"StopWebcast","Method":"POST","Params":{}},"Responses":[{"Answer":"ok"}],
            "Checks":[{"Kind":"reports","Outcome":"success"}]})"),
                           "inline");
    RunOptions opts;
    opts.client = "echo not json";
    Runner runner(config, opts);
    SuiteResult r = runner.run({s});
    REQUIRE(r.scenarios.size() == 1);
    CHECK(r.scenarios[0].verdict == "FAIL");
    CHECK(r.scenarios[0].why.find("not a JSON object") != std::string::npos);
    CHECK(r.any_must_failed());
}
