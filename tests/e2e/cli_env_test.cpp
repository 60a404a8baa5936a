// rtc-mock's variables (RTC_MOCK_<FLAG>, declared with each flag in mock_server/app/mock_flags.cpp), its
// --help and the README that shows it, and `rtc-mock healthcheck`, through the real binary.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/healthcheck.h"
#include "support/mock_process.h"
#include "support/text_file.h"

using rtc::test::MockProcess;
using rtc::test::run_mock;
using rtc::test::source_path;

namespace {

// The settings of rtc-mock: every one has a variable.
const char* const kSettings[][2] = {
    {"--host", "RTC_MOCK_HOST"},
    {"--port", "RTC_MOCK_PORT"},
    {"--config", "RTC_MOCK_CONFIG"},
    {"--clock", "RTC_MOCK_CLOCK"},
    {"--pages", "RTC_MOCK_PAGES"},
    {"--state", "RTC_MOCK_STATE"},
    {"--admin-token", "RTC_MOCK_ADMIN_TOKEN"},
    {"--threads", "RTC_MOCK_THREADS"},
    {"--event-streams", "RTC_MOCK_EVENT_STREAMS"},
    {"--log-format", "RTC_MOCK_LOG_FORMAT"},
    {"--verbose", "RTC_MOCK_VERBOSE"},
};

int admin_status(const MockProcess& mock, const std::string& path, const std::string& token = "") {
    httplib::Client c(mock.url());
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto r = c.Get(path.c_str(), headers);
    return r ? r->status : 0;
}

bool virtual_clock(const MockProcess& mock, const std::string& token = "") {
    httplib::Client c(mock.url());
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto r = c.Get("/_mock/clock", headers);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return nlohmann::json::parse(r->body)["Virtual"].get<bool>();
}

std::size_t lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("rtc-mock --help prints each setting with its default and its variable", "[e2e][cli]") {
    auto r = run_mock({"--help"});
    REQUIRE(r.exit_code == 0);
    for (const auto& [flag, variable] : kSettings) {
        INFO(flag);
        CHECK_THAT(r.out, Catch::Contains(std::string("\n  ") + flag + " "));
        CHECK_THAT(r.out, Catch::Contains(std::string(" variable ") + variable + ")\n"));
    }
    CHECK_THAT(r.out,
               Catch::Contains("  --port N                  port to bind, 0 picks a free one\n"
                               "                            (default 8080; variable RTC_MOCK_PORT)\n"));
    CHECK_THAT(r.out, Catch::Contains("rtc-mock healthcheck [flags]"));
    CHECK(run_mock({"-h"}).out == r.out);
    CHECK(run_mock({"healthcheck", "--help"}).out == r.out);
}

TEST_CASE("the README shows exactly rtc-mock --help (regenerate: build/rtc-mock --help)", "[e2e][cli]") {
    std::ifstream in(source_path("README.md"), std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string readme = ss.str();
    const std::string begin = "<!-- BEGIN rtc-mock-help (generated: build/rtc-mock --help) -->\n```\n";
    const std::string end = "```\n<!-- END rtc-mock-help -->";
    const auto b = readme.find(begin);
    REQUIRE(b != std::string::npos);
    const auto e = readme.find(end, b);
    REQUIRE(e != std::string::npos);
    CHECK(readme.substr(b + begin.size(), e - b - begin.size()) == run_mock({"--help"}).out);
}

TEST_CASE("a bad variable exits 2 with one line naming the variable and the problem", "[e2e][cli]") {
    // A missing --config file makes the mock exit whatever the variable does, so a test that fails cannot
    // leave a server running.
    const std::vector<std::string> args = {"--config", "/nonexistent/rtc-mock.json"};
    const std::pair<std::string, std::string> cases[] = {
        {"RTC_MOCK_PORT=http", "RTC_MOCK_PORT must be a whole number in [0,65535], got \"http\""},
        {"RTC_MOCK_THREADS=0", "RTC_MOCK_THREADS must be a whole number in [1,4096], got \"0\""},
        {"RTC_MOCK_EVENT_STREAMS=65", "RTC_MOCK_EVENT_STREAMS must be a whole number in [0,64], got \"65\""},
        {"RTC_MOCK_CLOCK=sundial", "RTC_MOCK_CLOCK must be real or virtual, got \"sundial\""},
        {"RTC_MOCK_PAGES=firefox", "RTC_MOCK_PAGES must be scripted or chromium, got \"firefox\""},
        {"RTC_MOCK_LOG_FORMAT=xml", "RTC_MOCK_LOG_FORMAT must be text or json, got \"xml\""},
        {"RTC_MOCK_VERBOSE=maybe",
         "RTC_MOCK_VERBOSE must be 1, true, yes, on, 0, false, no or off, got \"maybe\""},
        {"RTC_MOCK_STATE=ftp://x",
         "RTC_MOCK_STATE is not a state URL: the state URL must be memory, redis://HOST:PORT[/DB] or "
         "unix:///PATH, got \"ftp://x\""},
    };
    for (const auto& [variable, message] : cases) {
        INFO(variable);
        auto r = run_mock(args, {variable});
        CHECK(r.exit_code == 2);
        CHECK(r.err == "rtc-mock: " + message + " (see --help)\n");
    }
    // The same value as a flag names the flag.
    auto r = run_mock({"--port", "http"}, {"RTC_MOCK_PORT=8080"});
    CHECK(r.err == "rtc-mock: --port must be a whole number in [0,65535], got \"http\" (see --help)\n");
    // --verbose=VALUE reads the value as its variable does.
    CHECK(run_mock({"--verbose=maybe"}).err ==
          "rtc-mock: --verbose must be 1, true, yes, on, 0, false, no or off, got \"maybe\" (see --help)\n");
}

TEST_CASE("variables set what their flags set, and a flag on the command line wins", "[e2e][cli]") {
    SECTION("the variables alone") {
        MockProcess mock({}, source_path("fixtures/default.json"), "",
                         {"RTC_MOCK_CLOCK=virtual", "RTC_MOCK_ADMIN_TOKEN=s3cret", "RTC_MOCK_VERBOSE=yes"});
        CHECK(admin_status(mock, "/_mock/clock") == 401);
        CHECK(virtual_clock(mock, "s3cret"));
    }
    SECTION("the flags win, a bad variable under a given flag is not read") {
        // MockProcess passes --port 0 and --config.
        MockProcess mock(
            {"--clock", "real"}, source_path("fixtures/default.json"), "",
            {"RTC_MOCK_CLOCK=virtual", "RTC_MOCK_PORT=http", "RTC_MOCK_CONFIG=/nonexistent.json"});
        CHECK_FALSE(virtual_clock(mock));
        CHECK(admin_status(mock, "/_mock/clock") == 200);
    }
    SECTION("an empty variable counts as unset") {
        MockProcess mock({}, source_path("fixtures/default.json"), "",
                         {"RTC_MOCK_STATE=", "RTC_MOCK_ADMIN_TOKEN=", "RTC_MOCK_CLOCK="});
        CHECK_FALSE(virtual_clock(mock));
    }
    SECTION("RTC_MOCK_CONFIG names the config file") {
        // A clock-less check that the file was read: a fixture that does not parse stops the mock.
        auto r = run_mock({"--port", "0"}, {"RTC_MOCK_CONFIG=/nonexistent/rtc-mock.json"});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("bad config") && Catch::Contains("/nonexistent/rtc-mock.json"));
    }
}

namespace {
// The lines of a text, without empty ones.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}
}  // namespace

TEST_CASE("JSON log lines go to stdout after the listening line, text log lines to stderr", "[e2e][cli]") {
    const std::string err_file = "/tmp/rtc-cli-env-log-" + std::to_string(getpid()) + ".err";
    SECTION("--log-format json") {
        MockProcess mock({"--log-format", "json", "--verbose"}, source_path("fixtures/default.json"),
                         err_file);
        CHECK_THAT(mock.first_line(), Catch::StartsWith("listening on http://127.0.0.1:"));
        httplib::Client c(mock.url());
        REQUIRE(c.Post("/?Action=StartWebcast&Version=2020-12-01", "{}", "application/json"));
        auto lines = lines_of(mock.stop_and_read_stdout());
        CHECK(mock.stop() == 0);
        REQUIRE(lines.size() >= 3);  // serving, the request (--verbose), stopped
        for (const auto& line : lines) {
            auto j = nlohmann::json::parse(line);
            CHECK(j.contains("time"));
            CHECK(j.contains("level"));
            CHECK(j["msg"].is_string());
        }
        // The signal may be logged before the serving line: the order of those two is not the test's.
        CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("rtc-mock serving") != std::string::npos;
        }));
        CHECK_THAT(lines.back(), Catch::Contains("stopped"));
        CHECK(rtc::testing::read_text(err_file).empty());
    }
    SECTION("--log-format text") {
        MockProcess mock({"--log-format", "text"}, source_path("fixtures/default.json"), err_file);
        CHECK(mock.stop_and_read_stdout().empty());
        CHECK(mock.stop() == 0);
        auto lines = lines_of(rtc::testing::read_text(err_file));
        REQUIRE(lines.size() >= 2);
        CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find(" info rtc-mock serving") != std::string::npos;
        }));
    }
    std::remove(err_file.c_str());
}

TEST_CASE("rtc-mock healthcheck exits 0 when the mock its flags or variables name answers 200",
          "[e2e][cli]") {
    MockProcess mock;
    const std::string port = std::to_string(mock.port());
    auto r = run_mock({"healthcheck", "--port", port});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "rtc-mock healthcheck: http://127.0.0.1:" + port +
                       "/_mock/health answered HTTP 200: {\"status\":\"ok\"}\n");
    CHECK(run_mock({"healthcheck"}, {"RTC_MOCK_PORT=" + port, "RTC_MOCK_HOST=127.0.0.1"}).exit_code == 0);
    CHECK(run_mock({"healthcheck", "--port=" + port}, {"RTC_MOCK_PORT=1"}).exit_code == 0);  // the flag wins
    // The server's other flags are accepted (the container passes the same ones).
    CHECK(run_mock({"healthcheck", "--port", port, "--clock", "virtual", "--verbose"}).exit_code == 0);
}

TEST_CASE("rtc-mock healthcheck sends the admin token when one is set", "[e2e][cli]") {
    MockProcess mock({}, source_path("fixtures/default.json"), "", {"RTC_MOCK_ADMIN_TOKEN=t0k"});
    const std::string port = std::to_string(mock.port());
    auto without = run_mock({"healthcheck", "--port", port});
    CHECK(without.exit_code == 1);
    CHECK(lines(without.err) == 1);
    CHECK_THAT(without.err, Catch::StartsWith("rtc-mock healthcheck: http://127.0.0.1:" + port +
                                              "/_mock/health answered HTTP 401: {\"error\":"));
    CHECK(run_mock({"healthcheck", "--port", port}, {"RTC_MOCK_ADMIN_TOKEN=t0k"}).exit_code == 0);
    CHECK(run_mock({"healthcheck", "--port", port, "--admin-token", "t0k"}).exit_code == 0);
    CHECK(run_mock({"healthcheck", "--port", port, "--admin-token", "wrong"}).exit_code == 1);
}

TEST_CASE("rtc-mock healthcheck exits 1 with one line when nothing answers, within its 2 s", "[e2e][cli]") {
    std::string port;
    {
        MockProcess stopped;
        port = std::to_string(stopped.port());
        REQUIRE(stopped.stop() == 0);
    }
    auto refused = run_mock({"healthcheck", "--port", port});
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.empty());
    CHECK(refused.err == "rtc-mock healthcheck: no answer from http://127.0.0.1:" + port +
                             "/_mock/health: could not connect (nothing listens there?)\n");

    // A listener that accepts (the kernel does, from its backlog) and never answers.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    REQUIRE(listen(fd, 4) == 0);
    socklen_t len = sizeof(addr);
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string silent = std::to_string(ntohs(addr.sin_port));
    const auto t0 = std::chrono::steady_clock::now();
    auto hung = run_mock({"healthcheck", "--port", silent});
    const auto waited = std::chrono::steady_clock::now() - t0;
    close(fd);
    CHECK(hung.exit_code == 1);
    CHECK(lines(hung.err) == 1);
    CHECK_THAT(hung.err, Catch::StartsWith("rtc-mock healthcheck: no answer from http://127.0.0.1:" + silent +
                                           "/_mock/health"));
    CHECK(waited >= std::chrono::milliseconds(1900));
    CHECK(waited < std::chrono::milliseconds(3500));
}

TEST_CASE("rtc-mock healthcheck: every mistake exits 1, never Docker's reserved 2", "[e2e][cli]") {
    auto flag = run_mock({"healthcheck", "--port", "http"});
    CHECK(flag.exit_code == 1);
    CHECK(flag.err ==
          "rtc-mock healthcheck: --port must be a whole number in [0,65535], got \"http\" (see --help)\n");
    auto variable = run_mock({"healthcheck"}, {"RTC_MOCK_PORT=-1"});
    CHECK(variable.exit_code == 1);
    CHECK(
        variable.err ==
        "rtc-mock healthcheck: RTC_MOCK_PORT must be a whole number in [0,65535], got \"-1\" (see --help)\n");
    CHECK(run_mock({"healthcheck", "--nope"}).exit_code == 1);
    auto zero = run_mock({"healthcheck", "--port", "0"});
    CHECK(zero.exit_code == 1);
    CHECK_THAT(zero.err, Catch::Contains("the port is 0"));
    CHECK(lines(zero.err) == 1);
}

TEST_CASE("rtc-mock healthcheck asks loopback for a mock bound to a wildcard address", "[cli]") {
    CHECK(rtc::healthcheck_host("0.0.0.0") == "127.0.0.1");
    CHECK(rtc::healthcheck_host("::") == "::1");
    CHECK(rtc::healthcheck_host("127.0.0.2") == "127.0.0.2");
    CHECK(rtc::healthcheck_host("localhost") == "localhost");
}
