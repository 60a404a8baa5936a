// StartWBRecord / StopWBRecord (docs/service-facts.md §4) through MockService::handle.
#include <catch2/catch.hpp>

#include "support/service_harness.h"

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

TEST_CASE("StartWBRecord on an app with VOD, cloud recording and video-mode whiteboard recording succeeds",
          "[wbrecord]") {
    Harness h;
    json b = wb_body();
    b["SourceURL"] = "https://xxx.ui.rtc.com";
    Reply r = h.post("StartWBRecord", b);
    CHECK(r.status == 200);
    CHECK(r.result() == "ok");
    auto t = h.parts->wbrecord.get({kApp, "room1", "wb1"});
    REQUIRE(t);
    CHECK(t->running);
    CHECK(t->spec.source_url == "https://xxx.ui.rtc.com");
}

TEST_CASE("StartWBRecord without SourceURL records the default whiteboard page", "[wbrecord]") {
    Harness h;
    CHECK(h.post("StartWBRecord", wb_body()).result() == "ok");
    CHECK(h.parts->wbrecord.get({kApp, "room1", "wb1"})->spec.source_url.empty());
}

TEST_CASE("StartWBRecord in signalling-data mode fails with RecordNotEnabled naming the mode",
          "[wbrecord][console]") {
    Harness h;
    Reply r = h.post("StartWBRecord", wb_body("wb1", kAppSignaling));
    CHECK(r.status == 403);
    CHECK(r.code() == "AccessDenied.RecordNotEnabled");
    CHECK_THAT(r.message(), Catch::Contains("signalling-data"));
    CHECK(h.parts->wbrecord.size() == 0);
}

TEST_CASE("StartWBRecord needs VOD, then cloud recording, then a whiteboard recording config",
          "[wbrecord][console]") {
    Harness h;
    Reply vod = h.post("StartWBRecord", wb_body("wb1", kAppNoVod));
    CHECK(vod.status == 403);
    CHECK(vod.code() == "AccessDenied.ServiceNotEnabled");
    Reply rec = h.post("StartWBRecord", wb_body("wb1", kAppNoRecord));
    CHECK(rec.code() == "AccessDenied.RecordNotEnabled");
    CHECK_THAT(rec.message(), Catch::Contains("cloud recording"));
    App none = *h.parts->engine->apps().find(kApp);
    none.whiteboard_record_mode = WhiteboardMode::None;
    h.parts->engine->apps().put(none);
    Reply unconfigured = h.post("StartWBRecord", wb_body());
    CHECK(unconfigured.code() == "AccessDenied.RecordNotEnabled");
    CHECK_THAT(unconfigured.message(), Catch::Contains("not configured"));
}

TEST_CASE("a console change at run time is seen by the next StartWBRecord", "[wbrecord][console]") {
    Harness h;
    App app = *h.parts->engine->apps().find(kAppSignaling);
    app.whiteboard_record_mode = WhiteboardMode::Video;
    h.parts->engine->apps().put(app);
    CHECK(h.post("StartWBRecord", wb_body("wb1", kAppSignaling)).result() == "ok");
}

TEST_CASE("StartWBRecord: unknown app, another account's app, and field rules", "[wbrecord]") {
    Harness h;
    CHECK(h.post("StartWBRecord", wb_body("wb1", "600000000000000000000077")).code() ==
          "InvalidParameter.NotExistAppId");
    CHECK(h.post("StartWBRecord", wb_body("wb1", kAppOther)).code() == "AccessDenied.NoPermissionForApp");
    json b = wb_body();
    b.erase("UserId");
    CHECK(h.post("StartWBRecord", b).message() == "UserId is required");
    b = wb_body();
    b["TaskId"] = std::string(129, 't');
    CHECK(h.post("StartWBRecord", b).code() == "InvalidParameter");
    b = wb_body();
    b["SourceURL"] = std::string(1025, 'u');
    CHECK(h.post("StartWBRecord", b).message() == "SourceURL must be at most 1024 bytes long, got 1025");
    b["SourceURL"] = std::string(1024, 'u');
    CHECK(h.post("StartWBRecord", b).result() == "ok");
    CHECK(h.post_raw("StartWBRecord", "").code() == "InvalidParameter.BodyIsEmpty");
}

TEST_CASE("field checks come before the console preconditions", "[wbrecord][order]") {
    Harness h;
    json b = wb_body("wb1", kAppSignaling);
    b["RoomId"] = "bad room";
    CHECK(h.post("StartWBRecord", b).code() == "InvalidParameter.IllegalRoomID");
}

TEST_CASE("StartWBRecord of a running task succeeds with the already-started Result", "[wbrecord]") {
    Harness h;
    h.post("StartWBRecord", wb_body());
    CHECK(h.post("StartWBRecord", wb_body()).result() ==
          "The task has been started. Please do not call the startup task interface repeatedly");
    CHECK(h.parts->wbrecord.size() == 1);
}

TEST_CASE("StopWBRecord ends a running task; an unknown or stopped one is ErrorActiveTaskNotFound",
          "[wbrecord]") {
    Harness h;
    CHECK(h.post("StopWBRecord", wb_body()).code() == "InvalidParameter.ErrorActiveTaskNotFound");
    h.post("StartWBRecord", wb_body());
    h.advance_ms(2000);
    CHECK(h.post("StopWBRecord", wb_body()).result() == "ok");
    auto t = h.parts->wbrecord.get({kApp, "room1", "wb1"});
    REQUIRE(t);
    CHECK_FALSE(t->running);
    CHECK(t->end_time == h.clock->now_ms());
    CHECK(h.post("StopWBRecord", wb_body()).code() == "InvalidParameter.ErrorActiveTaskNotFound");
    CHECK(h.post("StartWBRecord", wb_body()).result() == "ok");
}

TEST_CASE("StopWBRecord requires UserId", "[wbrecord]") {
    Harness h;
    json b = wb_body();
    b.erase("UserId");
    CHECK(h.post("StopWBRecord", b).message() == "UserId is required");
}

TEST_CASE("reset clears whiteboard recording tasks", "[wbrecord]") {
    Harness h;
    h.post("StartWBRecord", wb_body());
    REQUIRE(h.parts->wbrecord.size() == 1);
    REQUIRE(h.service->admin().reset().ok());
    CHECK(h.parts->wbrecord.size() == 0);
}
