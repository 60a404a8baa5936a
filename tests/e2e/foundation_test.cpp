#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "http/api_client.h"
#include "support/api_calls.h"
#include "support/mock_process.h"

using namespace rtc;
using rtc::test::MockProcess;
using rtc::test::run_mock;

namespace {
nlohmann::json get_json(const std::string& url, const std::string& path) {
    httplib::Client c(url);
    auto r = c.Get(path.c_str());
    REQUIRE(r);
    return nlohmann::json::parse(r->body);
}
nlohmann::json error_of(const httplib::Result& r) {
    REQUIRE(r);
    auto j = nlohmann::json::parse(r->body);
    return j["ResponseMetadata"]["Error"];
}
}  // namespace

TEST_CASE("rtc-mock on --port 0 announces the port it listens on and answers health", "[e2e]") {
    MockProcess mock;
    REQUIRE_THAT(mock.first_line(), Catch::StartsWith("listening on http://127.0.0.1:"));
    REQUIRE(mock.port() > 0);
    REQUIRE(get_json(mock.url(), "/_mock/health") == nlohmann::json{{"status", "ok"}});
    REQUIRE(get_json(mock.url(), "/_mock/ready") ==
            nlohmann::json{{"status", "ready"}, {"StateEngine", "memory"}});
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("an unknown action gets InvalidActionOrVersion (100008, HTTP 404) with a RequestId", "[e2e]") {
    MockProcess mock;
    httplib::Client c(mock.url());
    auto r = c.Post("/?Action=NoSuchAction&Version=2020-12-01", "{}", "application/json");
    REQUIRE(r->status == 404);
    auto j = nlohmann::json::parse(r->body);
    auto md = j["ResponseMetadata"];
    REQUIRE(md["Error"]["Code"] == "InvalidActionOrVersion");
    REQUIRE(md["Error"]["CodeN"] == 100008);
    REQUIRE(md["Service"] == "rtc");
    REQUIRE(md["Region"] == "cn-north-1");
    REQUIRE_FALSE(md["RequestId"].get<std::string>().empty());
    auto r2 = c.Post("/?Action=NoSuchAction&Version=2020-12-01", "{}", "application/json");
    REQUIRE(nlohmann::json::parse(r2->body)["ResponseMetadata"]["RequestId"] != md["RequestId"]);
}

TEST_CASE("a missing Version or Action gets MissingParameter (100002, HTTP 400)", "[e2e]") {
    MockProcess mock;
    httplib::Client c(mock.url());
    auto r = c.Post("/?Action=StartWebcast", "{}", "application/json");
    REQUIRE(r->status == 400);
    REQUIRE(error_of(r)["Code"] == "MissingParameter");
    REQUIRE_THAT(error_of(r)["Message"].get<std::string>(), Catch::Contains("Version"));
    auto r2 = c.Get("/?Version=2020-12-01");
    REQUIRE(r2->status == 400);
    REQUIRE_THAT(error_of(r2)["Message"].get<std::string>(), Catch::Contains("Action"));
}

TEST_CASE("an oversized body gets an envelope error with HTTP 413, not a reset", "[e2e]") {
    MockProcess mock;
    httplib::Client c(mock.url());
    std::string big(2 * 1024 * 1024, 'x');
    auto r = c.Post("/?Action=StartWebcast&Version=2020-12-01", big, "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 413);
    REQUIRE(error_of(r)["Code"] == "InvalidParameter.BodyTooLarge");
    // The server goes on serving.
    REQUIRE(get_json(mock.url(), "/_mock/health")["status"] == "ok");
}

TEST_CASE("an unknown admin route gets a JSON error", "[e2e]") {
    MockProcess mock;
    httplib::Client c(mock.url());
    auto r = c.Get("/_mock/nothing-here");
    REQUIRE(r->status == 404);
    REQUIRE(nlohmann::json::parse(r->body).contains("error"));
}

TEST_CASE("POST /_mock/reset answers and the mock keeps serving", "[e2e]") {
    MockProcess mock;
    httplib::Client c(mock.url());
    auto r = c.Post("/_mock/reset", "", "application/json");
    REQUIRE(r->status == 200);
    REQUIRE(get_json(mock.url(), "/_mock/health")["status"] == "ok");
}

TEST_CASE("the virtual clock moves only by POST /_mock/clock/advance", "[e2e]") {
    MockProcess mock({"--clock", "virtual"});
    auto t0 = get_json(mock.url(), "/_mock/clock")["NowMs"].get<long long>();
    httplib::Client c(mock.url());
    auto r = c.Post("/_mock/clock/advance", R"({"Seconds":30})", "application/json");
    REQUIRE(r->status == 200);
    auto t1 = get_json(mock.url(), "/_mock/clock")["NowMs"].get<long long>();
    REQUIRE(t1 - t0 == 30000);
    auto bad = c.Post("/_mock/clock/advance", R"({"Seconds":"x"})", "application/json");
    REQUIRE(bad->status == 400);
}

TEST_CASE("SIGTERM stops rtc-mock with exit code 0", "[e2e]") {
    MockProcess mock;
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("SIGTERM answers the request in flight and does not wait for idle keep-alive connections",
          "[e2e]") {
    MockProcess mock;
    httplib::Client admin(mock.url());
    auto fault =
        admin.Post("/_mock/faults", R"({"Type":"latency","LatencyMs":1500,"Count":1})", "application/json");
    REQUIRE(fault);
    REQUIRE(fault->status == 201);
    ApiClient client(mock.url(), signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    const ApiCall call = rtc::test::start_webcast_call("in-flight");
    const TimeMs now = mock.now_ms();
    auto slow = std::async(std::launch::async, [&] { return client.call(call, now); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the request now sleeps in the mock
    // And an idle keep-alive connection: cpp-httplib alone would hold shutdown for 5 s from now.
    httplib::Client idle(mock.url());
    idle.set_keep_alive(true);
    REQUIRE(idle.Get("/_mock/health"));
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(mock.stop() == 0);
    const auto stop_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    ApiReply reply = slow.get();
    INFO("stopped after " << stop_ms << " ms; reply: " << reply.body << reply.transport_error);
    CHECK(reply.http_status == 200);
    CHECK(reply.error_code().empty());
    CHECK(stop_ms < 4000);  // the rest of the 1.5 s delay, not the 5 s keep-alive timeout
}

TEST_CASE("rtc-mock --help lists every flag with its default", "[e2e]") {
    auto r = run_mock({"--help"});
    REQUIRE(r.exit_code == 0);
    for (const char* flag :
         {"--host", "--port", "--config", "--clock", "--pages", "--admin-token", "--threads",
          "--event-streams", "--log-format", "--verbose", "--version", "--print-default-config"})
        REQUIRE_THAT(r.out, Catch::Contains(flag));
}

TEST_CASE("a bad flag exits 2 with one clear line", "[e2e]") {
    auto r = run_mock({"--port", "http"});
    REQUIRE(r.exit_code == 2);
    REQUIRE_THAT(r.err, Catch::Contains("--port"));
    REQUIRE(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    REQUIRE(run_mock({"--no-such-flag"}).exit_code == 2);
    REQUIRE(run_mock({"--clock", "sundial"}).exit_code == 2);
}

TEST_CASE("flag errors read \"rtc-mock: MESSAGE (see --help)\" and exit 2", "[e2e]") {
    // The wording comes from the shared parser (mock_server/cli); rtc-bench's errors read the same.
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        {{"--port", "http"}, "--port must be a whole number in [0,65535], got \"http\""},
        {{"--port=70000"}, "--port must be a whole number in [0,65535], got \"70000\""},
        {{"--threads="}, "--threads must be a whole number in [1,4096], got \"\""},
        {{"--port"}, "--port needs a value"},
        {{"--clock=sundial"}, "--clock must be real or virtual, got \"sundial\""},
        {{"--no-such-flag"}, "unknown flag --no-such-flag"},
        {{"-h=1"}, "unknown flag -h=1"},  // only "--" flags take "=value"
    };
    for (const auto& [args, message] : cases) {
        auto r = run_mock(args);
        CHECK(r.exit_code == 2);
        CHECK(r.err == "rtc-mock: " + message + " (see --help)\n");
    }
}

TEST_CASE("a bad config exits 2 naming the file, the field and the problem", "[e2e]") {
    std::string path = "/tmp/rtc-mock-bad-config.json";
    FILE* f = fopen(path.c_str(), "w");
    fputs(R"({"Accounts":[{"AccountId":"1","AccessKey":"AK","SecretKey":7}]})", f);
    fclose(f);
    auto r = run_mock({"--port", "0", "--config", path});
    REQUIRE(r.exit_code == 2);
    REQUIRE_THAT(r.err, Catch::Contains(path) && Catch::Contains("Accounts[0].SecretKey") &&
                            Catch::Contains("must be a string"));
    REQUIRE(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}
