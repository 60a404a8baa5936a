#include <catch2/catch.hpp>

#include "core/admin/app_settings.h"
#include "core/admin/state_views.h"
#include "support/service_harness.h"

using namespace rtc;
using rtc::test::ServiceHarness;

TEST_CASE("PUT of an app's console settings changes only the fields given", "[admin]") {
    ServiceHarness h;
    auto c = h.change_app("600000000000000000000000",
                          {{"WhiteboardRecordMode", "signaling"}, {"VodEnabled", false}});
    REQUIRE(c.status == 200);
    auto app = *h.service->console().app("600000000000000000000000");
    REQUIRE(app.whiteboard_record_mode == WhiteboardMode::Signaling);
    REQUIRE_FALSE(app.vod_enabled);
    REQUIRE(app.cloud_recording_enabled);
    REQUIRE(app.account_id == "2100000001");
    h.service->reset();
    REQUIRE(h.service->console().app("600000000000000000000000")->whiteboard_record_mode ==
            WhiteboardMode::Video);
}

TEST_CASE("an app's callback is set, masked when shown, and removed with null", "[admin]") {
    ServiceHarness h;
    auto& store = h.service->callbacks().store();
    auto c = h.change_app("600000000000000000000000",
                          {{"Callback", {{"URL", "http://127.0.0.1:9/cb"}, {"SecretKey", "s3"}}}});
    REQUIRE(c.status == 200);
    REQUIRE(store.get("600000000000000000000000", "")->callback.secret_key == "s3");
    REQUIRE(app_json(*c.app, store)["Callback"]["SecretKey"] == "***");
    auto bad = h.change_app("600000000000000000000000", {{"Callback", {{"URL", "ftp://x"}}}});
    REQUIRE(bad.status == 400);
    REQUIRE_THAT(bad.error, Catch::Contains("Callback.URL"));
    h.change_app("600000000000000000000000", {{"Callback", nullptr}});
    REQUIRE_FALSE(store.get("600000000000000000000000", ""));
}

TEST_CASE("an unknown app is 404 unless the body names its account, then it is created", "[admin]") {
    ServiceHarness h;
    auto& console = h.service->console();
    REQUIRE(h.change_app("700000000000000000000000", {{"VodEnabled", false}}).status == 404);
    REQUIRE(h.change_app("700000000000000000000000", {{"AccountId", "999"}}).status == 400);
    auto made = h.change_app("700000000000000000000000", {{"AccountId", "2100000002"}});
    REQUIRE(made.status == 201);
    REQUIRE(console.app("700000000000000000000000")->whiteboard_record_mode == WhiteboardMode::Video);
    REQUIRE(h.change_app("bad id!", {{"AccountId", "2100000002"}}).status == 400);
}

TEST_CASE("bad console settings are refused with a message naming the field", "[admin]") {
    ServiceHarness h;
    const std::string id = "600000000000000000000000";
    REQUIRE_THAT(h.change_app(id, {{"VodEnabled", "yes"}}).error, Catch::Contains("VodEnabled"));
    REQUIRE_THAT(h.change_app(id, {{"WhiteboardRecordMode", "audio"}}).error,
                 Catch::Contains("WhiteboardRecordMode"));
    REQUIRE_THAT(h.change_app(id, {{"Vod", true}}).error, Catch::Contains("unknown field Vod"));
    REQUIRE(h.change_app(id, nlohmann::json::array()).status == 400);
    REQUIRE(h.service->console().app(id)->vod_enabled);
}

TEST_CASE("the task list and state dump show every task kind, faults, the clock and the journal", "[admin]") {
    ServiceHarness h;
    webcast::WebcastSpec spec;
    spec.app_id = "600000000000000000000000";
    spec.room_id = "r1";
    spec.task_id = "t1";
    h.service->webcast().start(spec, "2100000001", h.clock->now_ms());
    h.add_fault({{"Type", "drop"}, {"Count", 1}});
    h.call();
    auto tasks = tasks_json(*h.service);
    REQUIRE(tasks["Webcast"].size() == 1);
    REQUIRE(tasks["Webcast"][0]["TaskId"] == "t1");
    REQUIRE(tasks["Webcast"][0]["State"] == "not_started");
    auto state = state_json(*h.service);
    REQUIRE(state["Faults"][0]["Id"] == "f-1");
    REQUIRE(state["Journal"]["Size"] == 1);
    REQUIRE(state["Clock"]["Virtual"] == true);
    REQUIRE(state["Apps"].size() == 5);
    REQUIRE(state["RateLimits"]["Actions"]["StartWebcast"] == 150);
    REQUIRE_THAT(metrics_text(*h.service),
                 Catch::Contains("rtc_mock_tasks{kind=\"webcast\",state=\"not_started\"} 1"));
}
