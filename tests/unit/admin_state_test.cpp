#include <catch2/catch.hpp>

#include "core/admin/app_settings.h"
#include "core/admin/views.h"
#include "support/service_harness.h"

using namespace rtc;
using rtc::test::ServiceHarness;

TEST_CASE("PUT of an app's console settings changes only the fields given", "[admin]") {
    ServiceHarness h;
    auto c = h.change_app("600000000000000000000000",
                          {{"WhiteboardRecordMode", "signaling"}, {"VodEnabled", false}});
    REQUIRE(c.status == admin::Status::Ok);
    auto app = *h.parts->engine->apps().find("600000000000000000000000");
    REQUIRE(app.whiteboard_record_mode == WhiteboardMode::Signaling);
    REQUIRE_FALSE(app.vod_enabled);
    REQUIRE(app.cloud_recording_enabled);
    REQUIRE(app.account_id == "2100000001");
    REQUIRE(h.service->admin().reset().ok());
    REQUIRE(h.parts->engine->apps().find("600000000000000000000000")->whiteboard_record_mode ==
            WhiteboardMode::Video);
}

TEST_CASE("an app's callback is set, masked when shown, and removed with null", "[admin]") {
    ServiceHarness h;
    auto& store = h.parts->engine->callback_settings();
    auto c = h.change_app("600000000000000000000000",
                          {{"Callback", {{"URL", "http://127.0.0.1:9/cb"}, {"SecretKey", "s3"}}}});
    REQUIRE(c.status == admin::Status::Ok);
    REQUIRE(store.get("600000000000000000000000", "")->callback.secret_key == "s3");
    REQUIRE(c.body["Callback"]["SecretKey"] == "***");
    auto app = *h.parts->engine->apps().find("600000000000000000000000");
    REQUIRE(admin::app_json(app, store)["Callback"]["SecretKey"] == "***");
    auto bad = h.change_app("600000000000000000000000", {{"Callback", {{"URL", "ftp://x"}}}});
    REQUIRE(bad.status == admin::Status::BadInput);
    REQUIRE_THAT(bad.error(), Catch::Contains("Callback.URL"));
    h.change_app("600000000000000000000000", {{"Callback", nullptr}});
    REQUIRE_FALSE(store.get("600000000000000000000000", ""));
}

TEST_CASE("an unknown app is 404 unless the body names its account, then it is created", "[admin]") {
    ServiceHarness h;
    auto& apps = h.parts->engine->apps();
    REQUIRE(h.change_app("700000000000000000000000", {{"VodEnabled", false}}).status ==
            admin::Status::NotFound);
    REQUIRE(h.change_app("700000000000000000000000", {{"AccountId", "999"}}).status ==
            admin::Status::BadInput);
    auto made = h.change_app("700000000000000000000000", {{"AccountId", "2100000002"}});
    REQUIRE(made.status == admin::Status::Created);
    REQUIRE(apps.find("700000000000000000000000")->whiteboard_record_mode == WhiteboardMode::Video);
    REQUIRE(h.change_app("bad id!", {{"AccountId", "2100000002"}}).status == admin::Status::BadInput);
}

TEST_CASE("bad console settings are refused with a message naming the field", "[admin]") {
    ServiceHarness h;
    const std::string id = "600000000000000000000000";
    REQUIRE_THAT(h.change_app(id, {{"VodEnabled", "yes"}}).error(), Catch::Contains("VodEnabled"));
    REQUIRE_THAT(h.change_app(id, {{"WhiteboardRecordMode", "audio"}}).error(),
                 Catch::Contains("WhiteboardRecordMode"));
    REQUIRE_THAT(h.change_app(id, {{"Vod", true}}).error(), Catch::Contains("unknown field Vod"));
    REQUIRE(h.change_app(id, nlohmann::json::array()).status == admin::Status::BadInput);
    REQUIRE(h.parts->engine->apps().find(id)->vod_enabled);
}

TEST_CASE("the task list and state dump show every task kind, faults, the clock and the journal", "[admin]") {
    ServiceHarness h;
    webcast::WebcastSpec spec;
    spec.app_id = "600000000000000000000000";
    spec.room_id = "r1";
    spec.task_id = "t1";
    h.parts->webcast.start(spec, "2100000001", h.clock->now_ms());
    h.add_fault({{"Type", "drop"}, {"Count", 1}});
    h.call();
    auto tasks = admin::tasks_json(*h.parts);
    REQUIRE(tasks["Webcast"].size() == 1);
    REQUIRE(tasks["Webcast"][0]["TaskId"] == "t1");
    REQUIRE(tasks["Webcast"][0]["State"] == "not_started");
    auto state = admin::state_json(*h.parts);
    REQUIRE(state["Faults"][0]["Id"] == "f-1");
    REQUIRE(state["Journal"]["Size"] == 1);
    REQUIRE(state["Clock"]["Virtual"] == true);
    REQUIRE(state["Apps"].size() == 5);
    REQUIRE(state["RateLimits"]["Actions"]["StartWebcast"] == 150);
    REQUIRE_THAT(admin::metrics_text(*h.parts),
                 Catch::Contains("rtc_mock_tasks{kind=\"webcast\",state=\"not_started\"} 1"));
}
