#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>

#include "core/signing/signer.h"
#include "http/admin_routes.h"
#include "http/api_client.h"
#include "support/api_calls.h"
#include "support/mock_process.h"
#include "support/raw_http.h"

using namespace rtc;
using rtc::test::MockProcess;

namespace {

struct Admin {
    int status = 0;
    nlohmann::json json;
    std::string body;
    std::string content_type;
};

Admin admin_call(const MockProcess& mock, const std::string& method, const std::string& path,
                 const nlohmann::json& body = nullptr, const std::string& token = "") {
    httplib::Client c(mock.url());
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    const std::string text = body.is_null() ? "" : body.dump();
    auto send = [&]() -> httplib::Result {
        if (method == "POST") return c.Post(path.c_str(), headers, text, "application/json");
        if (method == "PUT") return c.Put(path.c_str(), headers, text, "application/json");
        if (method == "DELETE") return c.Delete(path.c_str(), headers);
        return c.Get(path.c_str(), headers);
    };
    auto r = send();
    REQUIRE(r);
    Admin a;
    a.status = r->status;
    a.body = r->body;
    a.content_type = r->get_header_value("Content-Type");
    a.json = nlohmann::json::parse(r->body, nullptr, false);
    return a;
}

ApiReply start_webcast(const MockProcess& mock, ApiClient& client) {
    return client.call(rtc::test::start_webcast_call("t"), mock.now_ms());
}

std::unique_ptr<ApiClient> client_for(const MockProcess& mock) {
    return std::make_unique<ApiClient>(mock.url(),
                                       signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
}

// Sends one signed StartWebcast on a raw socket and says how the connection ended: "eof" (FIN before any
// byte), "reset" (ECONNRESET) or "answer" (bytes came back).
std::string raw_outcome(const MockProcess& mock) {
    signing::OutgoingRequest out;
    out.host = "127.0.0.1:" + std::to_string(mock.port());
    out.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    out.body = "{}";
    auto s = signing::sign_headers(out, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, mock.now_ms());
    std::string wire = "POST /?" + s.query + " HTTP/1.1\r\n";
    for (const auto& h : s.headers) wire += h.name + ": " + h.value + "\r\n";
    wire += "Content-Length: 2\r\n\r\n{}";
    return rtc::test::raw_exchange(mock.port(), wire).outcome;
}

}  // namespace

TEST_CASE("a latency fault delays the answer by at least its amount", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "latency"}, {"LatencyMs", 300}, {"Count", 1}})
                .status == 201);
    auto t0 = std::chrono::steady_clock::now();
    auto r = start_webcast(mock, *client);
    auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    REQUIRE(r.http_status != 0);
    REQUIRE(elapsed.count() >= 300);
    auto j = admin_call(mock, "GET", "/_mock/requests?fault=f-1").json;
    REQUIRE(j["Total"] == 1);
    REQUIRE(j["Requests"][0]["FaultDelayMs"] == 300);
    REQUIRE(j["Requests"][0]["LatencyMs"].get<double>() >= 300.0);
}

TEST_CASE("a fault rule with Count 2 faults exactly two requests over HTTP", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    auto made = admin_call(mock, "POST", "/_mock/faults",
                           {{"Action", "StartWebcast"},
                            {"Type", "error"},
                            {"Count", 2},
                            {"Error", {{"Code", "InjectedFault"}, {"HttpStatus", 503}}}});
    REQUIRE(made.status == 201);
    REQUIRE(made.json["Id"] == "f-1");
    REQUIRE(made.json["Remaining"] == 2);
    int faulted = 0;
    for (int i = 0; i < 5; ++i) {
        auto r = start_webcast(mock, *client);
        if (r.error_code() == "InjectedFault") {
            REQUIRE(r.http_status == 503);
            ++faulted;
        }
    }
    REQUIRE(faulted == 2);
    REQUIRE(admin_call(mock, "GET", "/_mock/requests/count?code=InjectedFault").json["Count"] == 2);
    REQUIRE(admin_call(mock, "POST", "/_mock/requests/verify", {{"Filter", {{"fault", "f-1"}}}, {"Count", 2}})
                .status == 200);
    auto off =
        admin_call(mock, "POST", "/_mock/requests/verify", {{"Filter", {{"fault", "f-1"}}}, {"Count", 3}});
    REQUIRE(off.status == 409);
    REQUIRE_THAT(off.json["error"].get<std::string>(), Catch::Contains("exactly 3"));
    REQUIRE(admin_call(mock, "GET", "/_mock/faults").json["Faults"][0]["Remaining"] == 0);
}

TEST_CASE("a throttle fault throttles the next N requests with 429 and Retry-After", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "throttle"}, {"Count", 2}}).status == 201);
    for (int i = 0; i < 2; ++i) {
        auto r = start_webcast(mock, *client);
        REQUIRE(r.http_status == 429);
        REQUIRE(r.error_code() == "FlowLimitExceeded.QPSOverLimit");
        REQUIRE(r.retry_after == "1");
    }
    REQUIRE(start_webcast(mock, *client).http_status != 429);
}

TEST_CASE("a drop fault closes the connection unanswered and the server keeps serving", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}, {"Count", 1}}).status == 201);
    auto r = start_webcast(mock, *client);
    REQUIRE(r.http_status == 0);
    REQUIRE_FALSE(r.transport_error.empty());
    REQUIRE(start_webcast(mock, *client).http_status != 0);
    REQUIRE(admin_call(mock, "GET", "/_mock/health").status == 200);
    auto j = admin_call(mock, "GET", "/_mock/requests?status=0").json;
    REQUIRE(j["Total"] == 1);
    REQUIRE(j["Requests"][0]["FaultType"] == "drop");
}

TEST_CASE("a drop fault ends with a FIN and a reset fault with an RST", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}, {"Count", 1}}).status == 201);
    REQUIRE(raw_outcome(mock) == "eof");
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "reset"}, {"Count", 1}}).status == 201);
    REQUIRE(raw_outcome(mock) == "reset");
    REQUIRE(raw_outcome(mock) == "answer");
    auto client = client_for(mock);
    REQUIRE(start_webcast(mock, *client).http_status != 0);
}

TEST_CASE("a seeded random rule faults the same requests over HTTP after a reset", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    const nlohmann::json rule = {{"Type", "error"},
                                 {"Probability", 0.5},
                                 {"Seed", 99},
                                 {"Error", {{"Code", "Coin"}, {"HttpStatus", 500}}}};
    auto run = [&] {
        REQUIRE(admin_call(mock, "POST", "/_mock/faults", rule).status == 201);
        std::string p;
        for (int i = 0; i < 24; ++i) p += start_webcast(mock, *client).error_code() == "Coin" ? '1' : '0';
        return p;
    };
    std::string first = run();
    REQUIRE(admin_call(mock, "POST", "/_mock/reset").status == 200);
    REQUIRE(admin_call(mock, "GET", "/_mock/faults").json["Faults"].empty());
    REQUIRE(run() == first);
    REQUIRE(first.find('1') != std::string::npos);
    REQUIRE(first.find('0') != std::string::npos);
}

TEST_CASE("bad fault rules and unknown ids get a clear JSON error", "[e2e][admin]") {
    MockProcess mock;
    auto bad = admin_call(mock, "POST", "/_mock/faults", {{"Type", "latency"}});
    REQUIRE(bad.status == 400);
    REQUIRE_THAT(bad.json["error"].get<std::string>(), Catch::Contains("LatencyMs"));
    httplib::Client c(mock.url());
    auto notjson = c.Post("/_mock/faults", "{nope", "application/json");
    REQUIRE(notjson->status == 400);
    REQUIRE(nlohmann::json::parse(notjson->body)["error"] == "the body must be a JSON object");
    auto typo = admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}, {"Action", "StartWebCast"}});
    REQUIRE(typo.status == 400);
    REQUIRE_THAT(typo.json["error"].get<std::string>(), Catch::Contains("StartWebcast"));
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}, {"AccountId", "42"}}).status == 400);
    REQUIRE(admin_call(mock, "DELETE", "/_mock/faults/f-9").status == 404);
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}}).status == 201);
    REQUIRE(admin_call(mock, "GET", "/_mock/faults/f-1").json["Type"] == "drop");
    REQUIRE(admin_call(mock, "DELETE", "/_mock/faults/f-1").status == 200);
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}}).json["Id"] == "f-2");
    REQUIRE(admin_call(mock, "DELETE", "/_mock/faults").json["Deleted"] == 1);
    REQUIRE(admin_call(mock, "GET", "/_mock/faults").json["Faults"].empty());
}

TEST_CASE("the journal lists API requests with filters, newest last, and refuses bad filters",
          "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    start_webcast(mock, *client);
    httplib::Client c(mock.url());
    c.Post("/?Action=StartWebcast&Version=2020-12-01", "{}", "application/json");  // unsigned
    auto all = admin_call(mock, "GET", "/_mock/requests").json;
    REQUIRE(all["Total"] == 2);
    REQUIRE(all["Capacity"] == 10000);
    REQUIRE(all["Dropped"] == 0);
    REQUIRE(all["Requests"][0]["Signature"]["Verdict"] == "ok");
    REQUIRE(all["Requests"][0]["AccountId"] == "2100000001");
    REQUIRE(all["Requests"][1]["Signature"]["Verdict"] == "unsigned");
    REQUIRE(all["Requests"][1]["ErrorCode"] == "MissingAuthenticationToken");
    REQUIRE(admin_call(mock, "GET", "/_mock/requests?verdict=unsigned").json["Total"] == 1);
    REQUIRE(admin_call(mock, "GET", "/_mock/requests?action=StartWebcast&limit=1").json["Requests"].size() ==
            1);
    const auto seq = all["Requests"][0]["Seq"].get<std::uint64_t>();
    REQUIRE(admin_call(mock, "GET", "/_mock/requests/count?since=" + std::to_string(seq)).json["Count"] == 1);
    auto bad = admin_call(mock, "GET", "/_mock/requests?colour=red");
    REQUIRE(bad.status == 400);
    REQUIRE_THAT(bad.json["error"].get<std::string>(), Catch::Contains("colour"));
    REQUIRE(admin_call(mock, "DELETE", "/_mock/requests").status == 200);
    REQUIRE(admin_call(mock, "GET", "/_mock/requests").json["Total"] == 0);
}

TEST_CASE("admin requests are never journaled nor counted as API traffic", "[e2e][admin]") {
    MockProcess mock;
    for (int i = 0; i < 200; ++i) REQUIRE(admin_call(mock, "GET", "/_mock/health").status == 200);
    admin_call(mock, "GET", "/_mock/state");
    admin_call(mock, "GET", "/_mock/tasks");
    REQUIRE(admin_call(mock, "GET", "/_mock/requests").json["Total"] == 0);
    auto metrics = admin_call(mock, "GET", "/_mock/metrics").body;
    REQUIRE(metrics.find("rtc_mock_requests_total{") == std::string::npos);
    REQUIRE_THAT(metrics, Catch::Contains("rtc_mock_throttled_total 0"));
}

TEST_CASE("the metrics endpoint serves Prometheus text that moves with the traffic", "[e2e][admin]") {
    MockProcess mock({"--clock", "virtual"});
    auto client = client_for(mock);
    auto before = admin_call(mock, "GET", "/_mock/metrics");
    REQUIRE(before.status == 200);
    REQUIRE_THAT(before.content_type, Catch::StartsWith("text/plain; version=0.0.4"));
    REQUIRE_THAT(before.body, Catch::Contains("# TYPE rtc_mock_request_duration_seconds histogram"));
    start_webcast(mock, *client);
    start_webcast(mock, *client);
    auto after = admin_call(mock, "GET", "/_mock/metrics").body;
    REQUIRE_THAT(after,
                 Catch::Contains("rtc_mock_request_duration_seconds_count{action=\"StartWebcast\"} 2"));
    REQUIRE_THAT(after, Catch::Contains("rtc_mock_requests_total{action=\"StartWebcast\""));
}

TEST_CASE("PUT /_mock/apps changes console settings at run time and refuses bad input", "[e2e][admin]") {
    MockProcess mock;
    auto put = admin_call(mock, "PUT", "/_mock/apps/600000000000000000000000",
                          {{"WhiteboardRecordMode", "signaling"}});
    REQUIRE(put.status == 200);
    REQUIRE(put.json["WhiteboardRecordMode"] == "signaling");
    REQUIRE(admin_call(mock, "GET", "/_mock/apps/600000000000000000000000").json["WhiteboardRecordMode"] ==
            "signaling");
    REQUIRE(admin_call(mock, "GET", "/_mock/apps").json["Apps"].size() == 5);
    auto bad = admin_call(mock, "PUT", "/_mock/apps/600000000000000000000000", {{"VodEnabled", 3}});
    REQUIRE(bad.status == 400);
    REQUIRE_THAT(bad.json["error"].get<std::string>(), Catch::Contains("VodEnabled"));
    REQUIRE(admin_call(mock, "PUT", "/_mock/apps/nope", {{"VodEnabled", true}}).status == 404);
    REQUIRE(admin_call(mock, "GET", "/_mock/apps/nope").status == 404);
    auto state = admin_call(mock, "GET", "/_mock/state").json;
    REQUIRE(state.contains("Tasks"));
    REQUIRE(state["Journal"]["Capacity"] == 10000);
    REQUIRE(admin_call(mock, "GET", "/_mock/tasks").json["Webcast"].is_array());
    admin_call(mock, "POST", "/_mock/reset");
    REQUIRE(admin_call(mock, "GET", "/_mock/apps/600000000000000000000000").json["WhiteboardRecordMode"] ==
            "video");
}

TEST_CASE("with --admin-token a request without the token is refused and the token opens the admin API",
          "[e2e][admin]") {
    MockProcess mock({"--admin-token", "s3cret"});
    auto none = admin_call(mock, "GET", "/_mock/requests");
    REQUIRE(none.status == 401);
    REQUIRE_THAT(none.json["error"].get<std::string>(), Catch::Contains("Bearer"));
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}}, "wrong").status == 401);
    REQUIRE(admin_call(mock, "GET", "/_mock/faults").status == 401);
    REQUIRE(admin_call(mock, "GET", "/_mock/metrics", nullptr, "s3cret").status == 200);
    REQUIRE(admin_call(mock, "POST", "/_mock/faults", {{"Type", "drop"}}, "s3cret").status == 201);
}

TEST_CASE("without a token the admin API refuses a non-loopback client", "[admin]") {
    ServerOptions open;
    httplib::Request req;
    httplib::Response res;
    for (const char* addr : {"127.0.0.1", "127.5.5.5", "::1", "::ffff:127.0.0.1"}) {
        req.remote_addr = addr;
        REQUIRE(admin_admitted(req, res, open));
    }
    req.remote_addr = "10.1.2.3";
    REQUIRE_FALSE(admin_admitted(req, res, open));
    REQUIRE(res.status == 403);
    // The admin API's error format, saying where the request came from and how to allow it.
    const auto refusal = nlohmann::json::parse(res.body);
    REQUIRE(refusal.size() == 1);
    REQUIRE(refusal["error"] ==
            "the admin API answers loopback clients only, and this request came from 10.1.2.3: to allow it, "
            "start rtc-mock with --admin-token TOKEN (or RTC_MOCK_ADMIN_TOKEN=TOKEN) and send "
            "Authorization: Bearer TOKEN");
    REQUIRE(res.get_header_value("Content-Type") == "application/json");

    ServerOptions locked;
    locked.admin_token = "t0k";
    httplib::Response res2;
    REQUIRE_FALSE(admin_admitted(req, res2, locked));
    REQUIRE(res2.status == 401);
    req.headers.emplace("Authorization", "Bearer t0k");
    httplib::Response res3;
    REQUIRE(admin_admitted(req, res3, locked));
    req.remote_addr = "127.0.0.1";
    req.headers.clear();
    httplib::Response res4;
    REQUIRE_FALSE(admin_admitted(req, res4, locked));  // the token is needed from loopback too
}
