// The five actions over real HTTP: the rtc-mock binary, signed by rtc::ApiClient.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <fstream>

#include "http/api_client.h"
#include "support/mock_process.h"

using namespace rtc;
using nlohmann::json;
using rtc::test::MockProcess;
using rtc::test::source_path;

namespace {
ApiCall post(const std::string& action, json params) {
    ApiCall c;
    c.action = action;
    c.params = std::move(params);
    return c;
}
json webcast() {
    return {{"AppId", "600000000000000000000000"},
            {"RoomId", "r"},
            {"TaskId", "t"},
            {"UserId", "u"},
            {"SourceURL", "https://example.com"}};
}
}  // namespace

TEST_CASE("over HTTP: StartWebcast, GetWebCastTask with query parameters, StopWebcast", "[e2e][actions]") {
    MockProcess mock({"--clock", "virtual"});
    ApiClient client(mock.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    ApiReply start = client.call(post("StartWebcast", webcast()), mock.now_ms());
    REQUIRE(start.http_status == 200);
    REQUIRE(start.json["Result"] == "ok");

    ApiCall get;
    get.action = "GetWebCastTask";
    get.method = "GET";
    get.params = {{"AppId", "600000000000000000000000"}, {"RoomId", "r"}, {"TaskId", "t"}};
    ApiReply got = client.call(get, mock.now_ms());
    REQUIRE(got.http_status == 200);
    CHECK(got.json["Result"]["WebCastTask"]["VideoSolutions"][0]["Width"] == 1280);
    CHECK(got.json["Result"]["WebCastTask"]["MaxRunningTime"] == 86400);

    ApiReply stop = client.call(
        post("StopWebcast", {{"AppId", "600000000000000000000000"}, {"RoomId", "r"}, {"TaskId", "t"}}),
        mock.now_ms());
    CHECK(stop.json["Result"] == "ok");
    got = client.call(get, mock.now_ms());
    CHECK(got.json["Result"]["WebCastTask"]["Status"] == 3);
    CHECK(got.json["Result"]["WebCastTask"]["StopReason"] == "StopByAPI");
}

TEST_CASE("over HTTP: an empty body and a non-JSON body get BodyIsEmpty and Unmarshal (HTTP 400)",
          "[e2e][actions]") {
    MockProcess mock({"--clock", "virtual"});
    ApiClient client(mock.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    ApiCall empty = post("StartWebcast", json::object());
    empty.use_raw_body = true;
    empty.raw_body = "";
    ApiReply e = client.call(empty, mock.now_ms());
    CHECK(e.http_status == 400);
    CHECK(e.error_code() == "InvalidParameter.BodyIsEmpty");
    ApiCall html = empty;
    html.raw_body = "<html>not json</html>";
    ApiReply h = client.call(html, mock.now_ms());
    CHECK(h.http_status == 400);
    CHECK(h.error_code() == "InvalidParameter.Unmarshal");
    ApiReply range =
        client.call(post("StartWebcast",
                         [] {
                             json b = webcast();
                             b["VideoSolutions"] = json::array({{{"Width", 1280}}, {{"Width", 1921}}});
                             return b;
                         }()),
                    mock.now_ms());
    CHECK(range.http_status == 400);
    CHECK(range.json["ResponseMetadata"]["Error"]["Message"] ==
          "VideoSolutions[1].Width must be in [50,1920], got 1921");
}

TEST_CASE(
    "over HTTP: Errors.ServiceErrorsAsHttp200 sends a signalling-mode StartWBRecord failure as HTTP 200 + "
    "Error",
    "[e2e][actions]") {
    json cfg;
    {
        std::ifstream in(source_path("fixtures/default.json"));
        cfg = json::parse(in);
    }
    cfg["Errors"]["ServiceErrorsAsHttp200"] = true;
    const std::string path = "/tmp/rtc-actions-e2e-http200-" + std::to_string(::getpid()) + ".json";
    std::ofstream(path) << cfg.dump();
    MockProcess mock({"--clock", "virtual"}, path);
    ApiClient client(mock.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    ApiReply r = client.call(
        post("StartWBRecord",
             {{"AppId", "600000000000000000000001"}, {"RoomId", "r"}, {"TaskId", "t"}, {"UserId", "u"}}),
        mock.now_ms());
    CHECK(r.http_status == 200);
    CHECK(r.error_code() == "AccessDenied.RecordNotEnabled");
    CHECK_FALSE(r.json.contains("Result"));
    ApiReply ok = client.call(
        post("StartWBRecord",
             {{"AppId", "600000000000000000000000"}, {"RoomId", "r"}, {"TaskId", "t"}, {"UserId", "u"}}),
        mock.now_ms());
    CHECK(ok.json["Result"] == "ok");
    std::remove(path.c_str());
}
