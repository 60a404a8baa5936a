// What a new user meets first: rtc-mock with no flags serves its built-in default fixture from any directory,
// prints that fixture on request, and says which version it is.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "core/config.h"
#include "http/api_client.h"
#include "support/api_calls.h"
#include "support/mock_process.h"
#include "support/text_file.h"

using namespace rtc;
using rtc::test::MockProcess;
using rtc::test::run_mock;
using rtc::test::source_path;

TEST_CASE("without --config, rtc-mock started in / serves the apps of fixtures/default.json", "[e2e]") {
    MockProcess mock({}, "");
    httplib::Client admin(mock.url());
    auto r = admin.Get("/_mock/apps");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    Config fixture = load_config_file(source_path("fixtures/default.json"));
    REQUIRE(!fixture.apps.empty());
    for (const auto& app : fixture.apps) {
        INFO(app.app_id);
        CHECK_THAT(r->body, Catch::Contains(app.app_id));
    }

    ApiClient client(mock.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    ApiReply started = client.call(rtc::test::start_webcast_call("first-run"), mock.now_ms());
    INFO(started.body);
    CHECK(started.http_status == 200);
    CHECK(started.error_code().empty());
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("rtc-mock --print-default-config prints fixtures/default.json byte for byte and exits 0", "[e2e]") {
    auto r = run_mock({"--print-default-config"});
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.out == rtc::testing::read_text(source_path("fixtures/default.json")));
}

TEST_CASE("rtc-mock --version prints the project version of CMakeLists.txt and exits 0", "[e2e]") {
    std::smatch m;
    std::string cmake = rtc::testing::read_text(source_path("CMakeLists.txt"));
    REQUIRE(std::regex_search(cmake, m, std::regex(R"(project\(rtc_mock VERSION ([0-9.]+))")));
    auto r = run_mock({"--version"});
    REQUIRE(r.exit_code == 0);
    REQUIRE_THAT(r.out, Catch::StartsWith("rtc-mock " + m[1].str()));
    REQUIRE(std::count(r.out.begin(), r.out.end(), '\n') == 1);
}

TEST_CASE("rtc-mock --help lists --version and --print-default-config", "[e2e]") {
    auto r = run_mock({"--help"});
    REQUIRE(r.exit_code == 0);
    REQUIRE_THAT(r.out, Catch::Contains("--version") && Catch::Contains("--print-default-config"));
}
