// StartWebcast / StopWebcast / GetWebCastTask behaviour (docs/service-facts.md §4) through
// MockService::handle.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "core/admin/views.h"
#include "support/service_harness.h"

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

namespace {
const char* kAgain = "The task has been started. Please do not call the startup task interface repeatedly";
QueryParams key_query(const std::string& task = "task1", const std::string& app = kApp) {
    return {{"AppId", app}, {"RoomId", "room1"}, {"TaskId", task}};
}
json key_body(const std::string& task = "task1", const std::string& app = kApp) {
    return {{"AppId", app}, {"RoomId", "room1"}, {"TaskId", task}};
}
}  // namespace

TEST_CASE("GetWebCastTask returns the documented WebCastTask shape with defaults filled in and Unix ms",
          "[webcast]") {
    Harness h;
    const TimeMs started = h.clock->now_ms();
    REQUIRE(h.post("StartWebcast", webcast_body()).result() == "ok");
    Reply r = h.get("GetWebCastTask", key_query());
    REQUIRE(r.status == 200);
    const json& t = r.result()["WebCastTask"];
    CHECK(t["StartTime"] == started);
    CHECK(t["EndTime"] == 0);
    CHECK(t["StopReason"] == "");
    CHECK(t["UserId"] == "webcast_user");
    CHECK(t["SourceURL"] == "https://example.com/page");
    CHECK(t["MaxRunningTime"] == 86400);
    CHECK(t["VideoSolutions"] ==
          json::array({{{"Width", 1280}, {"Height", 720}, {"FrameRate", 15}, {"Bitrate", 0}}}));
    CHECK(t["EventNotifyConfig"] == json{{"EnableEventNotify", false}, {"StartTimeout", 0}});
    CHECK(t["MonitorConfig"] ==
          json{{"FreezeCheckInterval", 0}, {"BlankCheckInterval", 0}, {"CrashCheckInterval", 0}});
    CHECK_FALSE(t.contains("AppId"));
    CHECK_FALSE(t.contains("RoomId"));
    CHECK_FALSE(t.contains("TaskId"));
    std::set<std::string> keys;
    for (auto it = t.begin(); it != t.end(); ++it) keys.insert(it.key());
    CHECK(keys == std::set<std::string>{"StartTime", "EndTime", "Status", "StopReason", "UserId", "SourceURL",
                                        "MaxRunningTime", "VideoSolutions", "EventNotifyConfig",
                                        "MonitorConfig"});
}

TEST_CASE("starting a running task again succeeds with the documented Result text and creates nothing",
          "[webcast]") {
    Harness h;
    REQUIRE(h.post("StartWebcast", webcast_body()).result() == "ok");
    json changed = webcast_body();
    changed["MaxRunningTime"] = 60;
    Reply again = h.post("StartWebcast", changed);
    CHECK(again.status == 200);
    CHECK(again.result() == kAgain);
    CHECK(h.parts->webcast.get({kApp, "room1", "task1"})->spec.max_running_time == 86400);
}

TEST_CASE("the already-started Result text comes from Tasks.AlreadyStartedResult", "[webcast][config]") {
    Harness h([](Config& c) { c.tasks.already_started_result = "again"; });
    h.post("StartWebcast", webcast_body());
    CHECK(h.post("StartWebcast", webcast_body()).result() == "again");
}

TEST_CASE("StopWebcast ends the task: Status 3, EndTime, StopReason StopByAPI", "[webcast]") {
    Harness h;
    h.post("StartWebcast", webcast_body());
    h.advance_ms(5000);
    const TimeMs stopped_at = h.clock->now_ms();
    Reply stop = h.post("StopWebcast", key_body());
    REQUIRE(stop.status == 200);
    CHECK(stop.result() == "ok");
    const json t = h.get("GetWebCastTask", key_query()).result()["WebCastTask"];
    CHECK(t["Status"] == 3);
    CHECK(t["EndTime"] == stopped_at);
    CHECK(t["StopReason"] == "StopByAPI");
}

TEST_CASE("stopping an unknown or already stopped task is ErrorActiveTaskNotFound", "[webcast]") {
    Harness h;
    Reply unknown = h.post("StopWebcast", key_body("nope"));
    CHECK(unknown.status == 400);
    CHECK(unknown.code() == "InvalidParameter.ErrorActiveTaskNotFound");
    h.post("StartWebcast", webcast_body());
    REQUIRE(h.post("StopWebcast", key_body()).result() == "ok");
    CHECK(h.post("StopWebcast", key_body()).code() == "InvalidParameter.ErrorActiveTaskNotFound");
}

TEST_CASE("an ended task may be started again as a new task", "[webcast]") {
    Harness h;
    h.post("StartWebcast", webcast_body());
    h.post("StopWebcast", key_body());
    h.advance_ms(1000);
    CHECK(h.post("StartWebcast", webcast_body()).result() == "ok");
    const json t = h.get("GetWebCastTask", key_query()).result()["WebCastTask"];
    CHECK(t["EndTime"] == 0);
    CHECK(t["StartTime"] == h.clock->now_ms());
}

TEST_CASE("with Tasks.RestartEndedTasks off, starting an ended task is TaskAlreadyExists",
          "[webcast][config]") {
    Harness h([](Config& c) { c.tasks.restart_ended_tasks = false; });
    h.post("StartWebcast", webcast_body());
    h.post("StopWebcast", key_body());
    CHECK(h.post("StartWebcast", webcast_body()).code() == "InvalidParameter.TaskAlreadyExists");
}

TEST_CASE("a task is identified by AppId + RoomId + TaskId: the same TaskId may run in another room",
          "[webcast]") {
    Harness h;
    h.post("StartWebcast", webcast_body());
    json other_room = webcast_body();
    other_room["RoomId"] = "room2";
    CHECK(h.post("StartWebcast", other_room).result() == "ok");
    CHECK(h.parts->webcast.counts().stored == 2);
}

TEST_CASE("GetWebCastTask reads tasks started in the last 72 hours only", "[webcast]") {
    Harness h;
    h.post("StartWebcast", webcast_body());
    h.post("StopWebcast", key_body());
    h.advance_ms(72LL * 3600 * 1000);
    CHECK(h.get("GetWebCastTask", key_query()).status == 200);
    h.advance_ms(1);
    Reply old = h.get("GetWebCastTask", key_query());
    CHECK(old.status == 400);
    CHECK(old.code() == "InvalidParameter.ErrorActiveTaskNotFound");
    CHECK(h.get("GetWebCastTask", key_query("never")).code() == "InvalidParameter.ErrorActiveTaskNotFound");
}

TEST_CASE("the query window comes from Tasks.QueryWindowHours", "[webcast][config]") {
    Harness h([](Config& c) { c.tasks.query_window_hours = 1; });
    h.post("StartWebcast", webcast_body());
    h.advance_ms(3600 * 1000 + 1);
    CHECK(h.get("GetWebCastTask", key_query()).code() == "InvalidParameter.ErrorActiveTaskNotFound");
}

TEST_CASE("an unknown app is NotExistAppId; another account's app is NoPermissionForApp", "[webcast][apps]") {
    Harness h;
    Reply unknown = h.post("StartWebcast", webcast_body("t", "600000000000000000000077"));
    CHECK(unknown.status == 400);
    CHECK(unknown.code() == "InvalidParameter.NotExistAppId");
    Reply other = h.post("StartWebcast", webcast_body("t", kAppOther));
    CHECK(other.status == 403);
    CHECK(other.code() == "AccessDenied.NoPermissionForApp");
    CHECK(h.post("StartWebcast", webcast_body("t", kAppOther), kAccount2).result() == "ok");
    CHECK(h.post("StopWebcast", key_body("t", kAppOther)).code() == "AccessDenied.NoPermissionForApp");
    CHECK(h.get("GetWebCastTask", key_query("t", kAppOther)).code() == "AccessDenied.NoPermissionForApp");
}

TEST_CASE("checks run in order: shape, then values, then the app", "[webcast][order]") {
    Harness h;
    json b = webcast_body("t", "600000000000000000000077");
    b["MaxRunningTime"] = 5;
    CHECK(h.post("StartWebcast", b).message() == "MaxRunningTime must be in [10,86400], got 5");
    b.erase("UserId");
    CHECK(h.post("StartWebcast", b).message() == "UserId is required");
    b["UserId"] = "u";
    b["MaxRunningTime"] = 60;
    CHECK(h.post("StartWebcast", b).code() == "InvalidParameter.NotExistAppId");
}

TEST_CASE("wrong JSON types are InvalidParameter naming the field and the expected type",
          "[webcast][types]") {
    Harness h;
    auto with = [&](const std::function<void(json&)>& set) {
        json b = webcast_body();
        set(b);
        return h.post("StartWebcast", b);
    };
    CHECK(with([](json& b) { b["MaxRunningTime"] = "3600"; }).message() ==
          "MaxRunningTime must be an integer, got string \"3600\"");
    CHECK(with([](json& b) { b["MaxRunningTime"] = 3600.5; }).message() ==
          "MaxRunningTime must be an integer, got number 3600.5");
    CHECK(with([](json& b) { b["RoomId"] = 7; }).code() == "InvalidParameter.IllegalRoomID");
    CHECK(with([](json& b) { b["RoomId"] = 7; }).message() == "RoomId must be a string, got integer 7");
    CHECK(with([](json& b) { b["VideoSolutions"] = json::object(); }).message() ==
          "VideoSolutions must be an array, got an object");
    CHECK(with([](json& b) { b["VideoSolutions"] = json::array({1}); }).message() ==
          "VideoSolutions[0] must be an object, got integer 1");
    CHECK(with([](json& b) { b["MonitorConfig"] = json::array(); }).message() ==
          "MonitorConfig must be an object, got an array");
    CHECK(with([](json& b) {
              b["VideoSolutions"] = json::array({{{"Width", true}}});
          }).code() == "InvalidParameter");
}

TEST_CASE("an empty body is BodyIsEmpty; malformed JSON or a non-object is Unmarshal", "[webcast][body]") {
    Harness h;
    CHECK(h.post_raw("StartWebcast", "").code() == "InvalidParameter.BodyIsEmpty");
    CHECK(h.post_raw("StartWebcast", "  \n").code() == "InvalidParameter.BodyIsEmpty");
    Reply bad = h.post_raw("StartWebcast", "{\"AppId\":");
    CHECK(bad.status == 400);
    CHECK(bad.code() == "InvalidParameter.Unmarshal");
    CHECK(h.post_raw("StartWebcast", "[1,2]").code() == "InvalidParameter.Unmarshal");
    CHECK(h.post_raw("StartWebcast", "null").code() == "InvalidParameter.Unmarshal");
    CHECK(h.post_raw("StopWebcast", "not json").code() == "InvalidParameter.Unmarshal");
}

TEST_CASE("null counts as absent: a default applies, a required field is missing", "[webcast][body]") {
    Harness h;
    json b = webcast_body();
    b["MaxRunningTime"] = nullptr;
    CHECK(h.post("StartWebcast", b).result() == "ok");
    b["UserId"] = nullptr;
    CHECK(h.post("StartWebcast", b).message() == "UserId is required");
}

TEST_CASE("messages name the field path as the client spelt it", "[webcast][body]") {
    Harness h;
    json b = webcast_body();
    b["videoSolutions"] = json::array({{{"width", 1921}}});
    CHECK(h.post("StartWebcast", b).message() == "videoSolutions[0].width must be in [50,1920], got 1921");
}

TEST_CASE("unknown fields are ignored and noted in the request journal", "[webcast][journal]") {
    Harness h;
    json b = webcast_body();
    b["Extra"] = 1;
    b["MonitorConfig"] = {{"Oops", true}};
    Reply r = h.post_raw("StartWebcast", b.dump(), kAccount1, {{"Debug", "1"}});
    CHECK(r.result() == "ok");
    auto entries = h.parts->engine->journal().query({}).entries;
    REQUIRE_FALSE(entries.empty());
    CHECK(entries.back()->app_id == kApp);
    CHECK(entries.back()->unknown_fields ==
          std::vector<std::string>{"Extra", "MonitorConfig.Oops", "?Debug"});
}

TEST_CASE("with Validation.RejectUnknownFields an unknown field is InvalidParameter", "[webcast][config]") {
    Harness h([](Config& c) { c.validation.reject_unknown_fields = true; });
    json b = webcast_body();
    b["Extra"] = 1;
    CHECK(h.post("StartWebcast", b).message() == "Extra is not a parameter of StartWebcast");
}

TEST_CASE("Validation settings override rounding, range order and the VideoSolutions limit",
          "[webcast][config]") {
    Harness up([](Config& c) { c.validation.odd_dimension_rounding = OddRounding::Up; });
    json b = webcast_body();
    b["VideoSolutions"] = json::array({{{"Width", 1279}}});
    up.post("StartWebcast", b);
    CHECK(up.parts->webcast.get({kApp, "room1", "task1"})->spec.video_solutions[0].width == 1280);

    Harness late([](Config& c) { c.validation.check_range_before_rounding = false; });
    b["VideoSolutions"] = json::array({{{"Width", 1921}}});
    CHECK(late.post("StartWebcast", b).result() == "ok");
    CHECK(late.parts->webcast.get({kApp, "room1", "task1"})->spec.video_solutions[0].width == 1920);

    Harness three([](Config& c) { c.validation.max_video_solutions = 3; });
    b["VideoSolutions"] = json::array({json::object(), json::object(), json::object()});
    CHECK(three.post("StartWebcast", b).result() == "ok");
}

TEST_CASE("service errors are 4xx by default and HTTP 200 + Error with the switch on", "[webcast][status]") {
    Harness h([](Config& c) { c.errors.service_errors_as_http_200 = true; });
    Reply bad = h.post_raw("StartWebcast", "");
    CHECK(bad.status == 200);
    CHECK(bad.code() == "InvalidParameter.BodyIsEmpty");
    CHECK_FALSE(bad.body.contains("Result"));
    Reply denied = h.post("StartWebcast", webcast_body("t", kAppOther));
    CHECK(denied.status == 200);
    CHECK(denied.code() == "AccessDenied.NoPermissionForApp");
    Harness d;
    CHECK(d.post_raw("StartWebcast", "").status == 400);
    CHECK(d.post("StartWebcast", webcast_body("t", kAppOther)).status == 403);
}

TEST_CASE("Errors.Overrides remaps a rule's reason, e.g. a range violation", "[webcast][config]") {
    Harness h([](Config& c) {
        c.errors.overrides["FieldOutOfRange"] = ErrorDef{"InvalidParameter.OutOfRange", {}, {}};
    });
    json b = webcast_body();
    b["MaxRunningTime"] = 1;
    CHECK(h.post("StartWebcast", b).code() == "InvalidParameter.OutOfRange");
}

TEST_CASE("GetWebCastTask reads its parameters from the query, integers and all", "[webcast][get]") {
    Harness h;
    h.post("StartWebcast", webcast_body());
    QueryParams q = key_query();
    q.push_back({"Extra", "1"});
    CHECK(h.get("GetWebCastTask", q).status == 200);
    CHECK(h.parts->engine->journal().query({}).entries.back()->unknown_fields ==
          std::vector<std::string>{"Extra"});
    Reply missing = h.get("GetWebCastTask", {{"AppId", kApp}, {"RoomId", "room1"}});
    CHECK(missing.code() == "InvalidParameter");
    CHECK(missing.message() == "TaskId is required");
    CHECK(h.get("GetWebCastTask", {{"AppId", kApp}, {"RoomId", "a b"}, {"TaskId", "t"}}).code() ==
          "InvalidParameter.IllegalRoomID");
}

TEST_CASE("concurrent starts of the same task create it exactly once", "[webcast][concurrency]") {
    Harness h;
    std::atomic<int> ok{0}, again{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            for (int k = 0; k < 5; ++k) {
                Reply r = h.post("StartWebcast", webcast_body());
                if (r.result() == "ok")
                    ++ok;
                else if (r.result() == kAgain)
                    ++again;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 1);
    CHECK(again == 39);
    CHECK(h.parts->webcast.counts().stored == 1);
}

TEST_CASE("concurrent stops of one task: exactly one succeeds", "[webcast][concurrency]") {
    Harness h;
    h.post("StartWebcast", webcast_body());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i)
        threads.emplace_back([&] {
            if (h.post("StopWebcast", key_body()).result() == "ok") ++ok;
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 1);
}

TEST_CASE("with Tasks.MaxEndedTasks only the newest ended tasks are kept, so memory stays flat",
          "[webcast]") {
    Harness h([](Config& c) { c.tasks.max_ended_tasks = 3; });
    for (int i = 0; i < 10; ++i) {
        const std::string task = "t" + std::to_string(i);
        REQUIRE(h.post("StartWebcast", webcast_body(task)).status == 200);
        REQUIRE(h.post("StopWebcast", {{"AppId", kApp}, {"RoomId", "room1"}, {"TaskId", task}}).status ==
                200);
    }
    REQUIRE(h.post("StartWebcast", webcast_body("running")).status == 200);
    REQUIRE(h.parts->webcast.counts().stored == 4);  // the 3 newest ended + the running one
    auto get = [&](const std::string& task) {
        return h.get("GetWebCastTask", {{"AppId", kApp}, {"RoomId", "room1"}, {"TaskId", task}});
    };
    REQUIRE(get("t9").status == 200);
    REQUIRE(get("t0").code() == "InvalidParameter.ErrorActiveTaskNotFound");
    REQUIRE(get("running").status == 200);
}

TEST_CASE(
    "a new StartWebcast on a shared engine waits for two round trips, the admission and the create, and "
    "its journal entry and the metrics say so; in process there are none",
    "[webcast][state][round-trips]") {
    Harness h([](Config& c) { c.rate_limits.enabled = true; });
    const bool shared = h.parts->engine->shared();
    INFO("state engine: " << h.parts->engine->name());
    REQUIRE(h.post("StartWebcast", webcast_body("rt-1")).code().empty());
    REQUIRE(h.post("StartWebcast", webcast_body("rt-2")).code().empty());

    auto page = h.parts->engine->journal().query({});
    REQUIRE(page.entries.size() == 2);
    const JournalEntry& second = *page.entries.back();  // the first also loaded the scripts
    REQUIRE(second.state_round_trips == (shared ? 2 : 0));
    REQUIRE(second.to_json().contains("StateRoundTrips") == shared);
    if (shared) {
        REQUIRE(second.to_json()["StateRoundTrips"] == 2);
        REQUIRE(h.parts->engine->posted_writes() == 2);  // the journal entries: sent, not waited for
    }
    const std::string metrics = admin::metrics_text(*h.parts);
    REQUIRE((metrics.find("rtc_mock_state_request_round_trips_total{action=\"StartWebcast\"}") !=
             std::string::npos) == shared);
}
