// The shared command-line parser (mock_server/cli): how arguments split into flags and values, and the typed
// readers on good input. Its error messages and exit code are held by the e2e tests through rtc-mock.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "cli/flags.h"

namespace {

// Owns the strings an Args reads (it keeps argv, as main's arguments live for the whole program).
struct Argv {
    explicit Argv(std::vector<std::string> a) : args(std::move(a)) {
        args.insert(args.begin(), "prog");
        for (auto& s : args) ptrs.push_back(s.data());
    }
    int argc() { return static_cast<int>(ptrs.size()); }
    std::vector<std::string> args;
    std::vector<char*> ptrs;
};

}  // namespace

TEST_CASE("Args yields each flag with its value, next argument or after '='", "[cli]") {
    Argv a({"--host", "::1", "--port=8080", "--verbose", "--config=a=b.json", "--name="});
    rtc::cli::Args args("prog", a.argc(), a.ptrs.data());
    REQUIRE(args.next());
    CHECK(args.flag() == "--host");
    CHECK(args.value() == "::1");
    REQUIRE(args.next());
    CHECK(args.flag() == "--port");
    CHECK(args.integer(0, 65535) == 8080);
    REQUIRE(args.next());
    CHECK(args.flag() == "--verbose");
    REQUIRE(args.next());
    CHECK(args.flag() == "--config");
    CHECK(args.value() == "a=b.json");  // split at the first '='
    REQUIRE(args.next());
    CHECK(args.flag() == "--name");
    CHECK(args.value().empty());  // "--name=" gives an empty value, not the next argument
    CHECK_FALSE(args.next());
    CHECK_FALSE(args.next());
}

TEST_CASE("Args: short flags keep '=' and take their value from the next argument", "[cli]") {
    Argv a({"-c", "4", "-c=4", "--"});
    rtc::cli::Args args("prog", a.argc(), a.ptrs.data());
    REQUIRE(args.next());
    CHECK(args.flag() == "-c");
    CHECK(args.number(1, 4096) == 4);
    REQUIRE(args.next());
    CHECK(args.flag() == "-c=4");
    REQUIRE(args.next());
    CHECK(args.flag() == "--");
    CHECK_FALSE(args.next());
}

TEST_CASE("Args: the typed readers accept their bounds and fractions", "[cli]") {
    Argv a({"--a", "-5", "--b", "5", "--c=0.1", "--d", "1e3"});
    rtc::cli::Args args("prog", a.argc(), a.ptrs.data());
    REQUIRE(args.next());
    CHECK(args.integer(-5, 5) == -5);
    REQUIRE(args.next());
    CHECK(args.integer(-5, 5) == 5);
    REQUIRE(args.next());
    CHECK(args.number(0.1, 86400) == 0.1);
    REQUIRE(args.next());
    CHECK(args.number(1, 1e8) == 1000);
    CHECK_FALSE(args.next());
}
