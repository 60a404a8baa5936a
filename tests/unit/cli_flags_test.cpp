// The shared command-line parser (mock_server/cli): how arguments split into flags and values, the typed
// readers on good input, and the flag tables with their variables (options.h). Its error messages and exit
// code are held by the e2e tests through rtc-mock.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cli/flags.h"
#include "cli/options.h"

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

// ---- the flag tables (cli/options.h): one declaration per flag, with its variable

namespace {

struct Settings {
    int port = 8080;
    std::string host = "127.0.0.1";
    bool verbose = false;
    int help_runs = 0;
};

std::vector<rtc::cli::Option> table_for(Settings& s) {
    return {
        rtc::cli::value("--port", "N", "8080", "port to bind",
                        [&s](const std::string& v) { return rtc::cli::parse_int(v, 0, 65535, s.port); }),
        rtc::cli::value("--host", "ADDR", "127.0.0.1", "address to bind",
                        [&s](const std::string& v) { return rtc::cli::parse_non_empty(v, s.host); }),
        rtc::cli::toggle("--verbose", "off", "log every request", [&s](bool on) { s.verbose = on; }),
        rtc::cli::action("--help", "print this", [&s] { ++s.help_runs; }),
    };
}

rtc::cli::Environment env_of(const std::map<std::string, std::string>& vars) {
    return [vars](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

const rtc::cli::Program kProg{"prog", "PROG_", 2};

}  // namespace

TEST_CASE("a flag's variable is the prefix and its name upper-cased, dashes made underscores", "[cli]") {
    CHECK(rtc::cli::variable_name("RTC_MOCK_", "--admin-token") == "RTC_MOCK_ADMIN_TOKEN");
    CHECK(rtc::cli::variable_name("RTC_MOCK_", "--port") == "RTC_MOCK_PORT");
    CHECK(rtc::cli::variable_name("X_", "--log-format") == "X_LOG_FORMAT");
}

TEST_CASE("options: variables fill what the command line leaves, the command line wins", "[cli]") {
    Settings s;
    const auto table = table_for(s);
    Argv a({"--port=9000"});
    rtc::cli::parse_options(kProg, table, a.argc(), a.ptrs.data(), 1,
                            env_of({{"PROG_PORT", "http"}, {"PROG_HOST", "::1"}, {"PROG_VERBOSE", "TRUE"}}));
    CHECK(s.port == 9000);  // the bad variable under a given flag is never read
    CHECK(s.host == "::1");
    CHECK(s.verbose);
    CHECK(s.help_runs == 0);  // an action has no variable
}

TEST_CASE("options: empty variables are unset; toggles read their value; actions run when met", "[cli]") {
    Settings s;
    const auto table = table_for(s);
    Argv a({"--verbose=off", "--help", "--host", "h"});
    rtc::cli::parse_options(kProg, table, a.argc(), a.ptrs.data(), 1,
                            env_of({{"PROG_PORT", ""}, {"PROG_HOST", "x"}, {"PROG_HELP", "1"}}));
    CHECK(s.port == 8080);
    CHECK(s.host == "h");
    CHECK_FALSE(s.verbose);
    CHECK(s.help_runs == 1);
}

TEST_CASE("options: parsing starts at `first`, after a subcommand", "[cli]") {
    Settings s;
    const auto table = table_for(s);
    Argv a({"healthcheck", "--port", "1"});
    rtc::cli::parse_options(kProg, table, a.argc(), a.ptrs.data(), 2, env_of({}));
    CHECK(s.port == 1);
}

TEST_CASE("options: --help text shows each flag with its value, default and variable", "[cli]") {
    Settings s;
    const std::string text = rtc::cli::render_options(kProg, table_for(s), 64);
    CHECK(text ==
          "  --port N                  port to bind\n"
          "                            (default 8080; variable PROG_PORT)\n"
          "  --host ADDR               address to bind\n"
          "                            (default 127.0.0.1; variable\n"
          "                            PROG_HOST)\n"
          "  --verbose                 log every request\n"
          "                            (default off; variable PROG_VERBOSE)\n"
          "  --help                    print this\n");
}

TEST_CASE("options: the value readers say what is wrong", "[cli]") {
    int n = 7;
    CHECK(rtc::cli::parse_int("12x", 0, 100, n) == "must be a whole number in [0,100], got \"12x\"");
    CHECK(n == 7);
    CHECK(rtc::cli::parse_int("100", 0, 100, n).empty());
    CHECK(n == 100);
    bool b = false;
    CHECK(rtc::cli::parse_bool("On", b).empty());
    CHECK(b);
    CHECK(rtc::cli::parse_bool("2", b) == "must be 1, true, yes, on, 0, false, no or off, got \"2\"");
    std::string s = "kept";
    CHECK(rtc::cli::parse_non_empty("", s) == "must not be empty");
    CHECK(s == "kept");
}
