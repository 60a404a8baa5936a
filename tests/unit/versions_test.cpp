// Versions (docs/service-facts.md §6): the task actions at 2020-12-01 and 2023-11-01, the callback actions at
// 2020-12-01 only, Actions.Versions in the config; and what the request journal says about BusinessIds
// (docs/service-facts.md §5).
#include <catch2/catch.hpp>

#include "core/admin/views.h"
#include "core/config_reader.h"
#include "support/service_harness.h"

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

TEST_CASE(
    "the five task actions answer at Version 2023-11-01 as at 2020-12-01, and ResponseMetadata.Version "
    "echoes "
    "the version asked for",
    "[versions]") {
    Harness h;
    h.version = "2023-11-01";
    auto start = h.post("StartWebcast", webcast_body("v2023"));
    INFO(start.body.dump());
    REQUIRE(start.code() == "");
    CHECK(start.body["ResponseMetadata"]["Version"] == "2023-11-01");
    CHECK(start.result() == "ok");
    CHECK(h.post("StartWebcast", webcast_body("v2023")).result() ==
          h.parts->config.tasks.already_started_result);
    h.advance_ms(1500);
    auto got = h.get("GetWebCastTask", {{"AppId", kApp}, {"RoomId", "room1"}, {"TaskId", "v2023"}});
    CHECK(got.result()["WebCastTask"]["Status"] == 2);
    CHECK(got.body["ResponseMetadata"]["Version"] == "2023-11-01");
    // The same task, whatever the version that reads or stops it.
    h.version = "2020-12-01";
    CHECK(h.get("GetWebCastTask", {{"AppId", kApp}, {"RoomId", "room1"}, {"TaskId", "v2023"}}).code() == "");
    h.version = "2023-11-01";
    CHECK(h.post("StopWebcast", {{"AppId", kApp}, {"RoomId", "room1"}, {"TaskId", "v2023"}}).code() == "");
    auto wb = h.post("StartWBRecord", wb_body("wb2023"));
    CHECK(wb.code() == "");
    CHECK(wb.body["ResponseMetadata"]["Version"] == "2023-11-01");
    CHECK(h.post("StopWBRecord", wb_body("wb2023")).code() == "");
    // Validation is the declaration's at every version.
    json bad = webcast_body("v2023-bad");
    bad["MaxRunningTime"] = 9;
    CHECK(h.post("StartWebcast", bad).code() == "InvalidParameter");
}

TEST_CASE(
    "an unpublished version is refused with InvalidActionOrVersion; the callback actions exist at 2020-12-01 "
    "only",
    "[versions]") {
    Harness h;
    for (const char* v : {"2019-01-01", "2024-12-01", "2023-11-01 "}) {
        h.version = v;
        auto r = h.post("StartWebcast", webcast_body());
        INFO(v << ": " << r.body.dump());
        CHECK(r.status == 404);
        CHECK(r.code() == "InvalidActionOrVersion");
        CHECK(r.body["ResponseMetadata"]["Version"] == v);
    }
    h.version = "2023-11-01";
    CHECK(h.get("GetCallback", {{"AppId", kApp}}).code() == "InvalidActionOrVersion");
    CHECK_THAT(h.get("GetCallback", {{"AppId", kApp}}).message(), Catch::Contains("Version 2023-11-01"));
}

TEST_CASE("Actions.Versions adds and removes the versions an action answers; a bad entry is a config error",
          "[versions]") {
    Harness h([](Config& c) {
        c.actions.versions["StopWebcast"] = {"2020-12-01"};
        c.actions.versions["GetCallback"] = {"2020-12-01", "2023-11-01"};
    });
    h.version = "2023-11-01";
    CHECK(h.post("StopWebcast", {{"AppId", kApp}, {"RoomId", "r"}, {"TaskId", "t"}}).code() ==
          "InvalidActionOrVersion");
    CHECK(h.get("GetCallback", {{"AppId", kApp}}).code() == "InvalidParameter.CallbackNotFound");
    CHECK(h.post("StartWebcast", webcast_body()).code() == "");  // the others keep their declaration
    const json state = admin::state_json(*h.parts);              // GET /_mock/state
    CHECK(state["Versions"]["StopWebcast"] == json{"2020-12-01"});
    CHECK(state["Versions"]["StartWebcast"] == json{"2020-12-01", "2023-11-01"});

    const json base = test::fixture_json();
    auto refused = [&](const json& actions) {
        json doc = base;
        doc["Actions"] = actions;
        return test::config_error(doc, "t.json");
    };
    CHECK_THAT(refused({{"Versions", {{"StartWebCast", {"2020-12-01"}}}}}),
               Catch::Contains("Actions.Versions.StartWebCast: is not a declared action"));
    CHECK_THAT(refused({{"Versions", {{"StartWebcast", {"2023-11"}}}}}),
               Catch::Contains("must be a version such as 2023-11-01"));
    CHECK_THAT(refused({{"Versions", {{"StartWebcast", {"2023-11-01", "2023-11-01"}}}}}),
               Catch::Contains("repeats version"));
    CHECK_THAT(refused({{"Version", {}}}), Catch::Contains("unknown"));
    CHECK(refused({{"Versions", {{"StartWebcast", json::array()}}}}).empty());  // not served at all
}

TEST_CASE(
    "the request journal names a request's BusinessId and, for StartWebcast, the BusinessId of the callback "
    "setting its task reports to",
    "[versions][journal]") {
    Harness h;
    auto create = h.post("CreateCallback", {{"AppID", kApp},
                                            {"BusinessId", "biz-j"},
                                            {"EventList", nullptr},
                                            {"SecretKey", "s"},
                                            {"URL", "http://127.0.0.1:9/j"}});
    REQUIRE(create.code() == "");
    json routed = webcast_body("j-routed");
    routed["BusinessId"] = "biz-j";
    REQUIRE(h.post("StartWebcast", routed).code() == "");
    json unrouted = webcast_body("j-none");
    unrouted["BusinessId"] = "biz-other";
    REQUIRE(h.post("StartWebcast", unrouted).code() == "");
    auto entries = h.parts->engine->journal().query({}).entries;
    REQUIRE(entries.size() == 3);
    CHECK(entries[0]->to_json()["BusinessId"] == "biz-j");
    CHECK_FALSE(entries[0]->to_json().contains("CallbackBusinessId"));
    CHECK(entries[1]->to_json()["CallbackBusinessId"] == "biz-j");
    CHECK(entries[2]->to_json()["BusinessId"] == "biz-other");
    CHECK(entries[2]->to_json()["CallbackBusinessId"].is_null());  // the app has no default setting

    REQUIRE(h.parts->engine->callback_settings().get(kApp, "biz-j"));
    h.parts->engine->callback_settings().put(kApp, "", AppCallback{"http://127.0.0.1:9/d", "s", {}}, 0);
    REQUIRE(h.post("StartWebcast", webcast_body("j-default")).code() == "");
    CHECK(h.parts->engine->journal().query({}).entries.back()->to_json()["CallbackBusinessId"] == "");
}

TEST_CASE(
    "StartWBRecord of a running task answers the StartWebcast text unless Tasks.WBRecordAlreadyStartedResult "
    "says otherwise",
    "[versions]") {
    Harness same;
    REQUIRE(same.post("StartWBRecord", wb_body("dup")).code() == "");
    CHECK(same.post("StartWBRecord", wb_body("dup")).result() ==
          same.parts->config.tasks.already_started_result);
    Harness own([](Config& c) { c.tasks.wb_record_already_started_result = "already recording"; });
    REQUIRE(own.post("StartWBRecord", wb_body("dup")).code() == "");
    CHECK(own.post("StartWBRecord", wb_body("dup")).result() == "already recording");
    CHECK(own.post("StartWebcast", webcast_body("dup")).code() == "");
    CHECK(own.post("StartWebcast", webcast_body("dup")).result() ==
          own.parts->config.tasks.already_started_result);
}
