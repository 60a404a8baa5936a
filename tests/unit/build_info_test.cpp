// The default fixture compiled into the executables, and where an executable finds the project's data.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "build_info/data_dir.h"
#include "build_info/default_fixture.h"
#include "build_info/version.h"
#include "support/text_file.h"

using namespace rtc;

namespace {
std::string fixture_path() {
    return std::string(RTC_SOURCE_DIR) + "/fixtures/default.json";
}
}  // namespace

TEST_CASE("the built-in default fixture is fixtures/default.json byte for byte", "[unit]") {
    std::string file = rtc::testing::read_text(fixture_path());
    REQUIRE(!file.empty());
    REQUIRE(embedded::default_fixture() == file);
}

TEST_CASE("the built-in default fixture loads with the accounts, keys and apps of fixtures/default.json",
          "[unit]") {
    Config built_in = build_info::default_config();
    Config file = load_config_file(fixture_path());
    REQUIRE(built_in.file == build_info::kDefaultFixtureName);
    REQUIRE(nlohmann::json::parse(embedded::default_fixture()) ==
            nlohmann::json::parse(rtc::testing::read_text(fixture_path())));
    REQUIRE(built_in.accounts.size() == file.accounts.size());
    REQUIRE(built_in.apps.size() == file.apps.size());
    for (std::size_t i = 0; i < file.apps.size(); ++i) CHECK(built_in.apps[i].app_id == file.apps[i].app_id);
    REQUIRE(built_in.account_by_id("2100000001") != nullptr);
}

TEST_CASE("the version line names the program and the version, and the commit when it is known", "[unit]") {
    std::string line = build_info::version_line("rtc-x");
    REQUIRE_THAT(line, Catch::StartsWith("rtc-x " + std::string(build_info::version())));
    REQUIRE(!build_info::version().empty());
    if (build_info::git_commit().empty())
        REQUIRE(line == "rtc-x " + std::string(build_info::version()));
    else
        REQUIRE_THAT(line, Catch::EndsWith(" (git " + std::string(build_info::git_commit()) + ")"));
}

TEST_CASE("an executable in its build tree finds the project's data in the source tree", "[unit]") {
    REQUIRE(build_info::data_dirs().front() == RTC_SOURCE_DIR);
    REQUIRE(build_info::find_data("fixtures/conformance") ==
            std::string(RTC_SOURCE_DIR) + "/fixtures/conformance");
    REQUIRE(build_info::find_data("fixtures/no-such-file.json").empty());
}
