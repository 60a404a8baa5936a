// The codecs of the task records (core/state/codec/webcast_json.h, wbrecord_json.h): every field goes
// through encode and decode unchanged, and a record that is not what encode writes fails naming its field.
// Also the task keys of the Redis engine (core/state/redis/task_key.h), which must read back any ids.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "core/state/codec/wbrecord_json.h"
#include "core/state/codec/webcast_json.h"
#include "core/state/redis/task_key.h"

using namespace rtc;
using nlohmann::json;

namespace {

// A task whose every field differs from its default.
webcast::WebcastTask full_task() {
    webcast::WebcastTask t;
    t.spec.app_id = "app";
    t.spec.room_id = "room";
    t.spec.task_id = "task";
    t.spec.user_id = "user";
    t.spec.business_id = "biz";
    t.spec.source_url = "https://example.com/?q=\"x\"";
    t.spec.video_solutions = {{1920, 1080, 30, 4000}, {640, 360, 10, 500}};
    t.spec.max_running_time = 3600;
    t.spec.monitor = {5, 6, 7};
    t.spec.event_notify = {true, 12};
    t.account_id = "2100000001";
    t.start_time = 1733580000123;
    t.end_time = 1733580009999;
    t.status = webcast::TaskStatus::Failed;
    t.stop_reason = "StartTaskFailed";
    t.page.capturing = true;
    t.page.start_event_seen = true;
    t.page.freeze_hits = 1;
    t.page.blank_hits = 2;
    t.page.refreshes = 3;
    t.page.reschedules = 4;
    t.page.start_timeouts = 5;
    t.page.simulated = {true, true, true};
    t.page.host = "host-1-abc";
    t.generation = 7;
    t.instance = 8;
    t.version = 9000000000ULL;
    t.timeline = 2;
    t.timeline_next = 11;
    return t;
}

bool same(const webcast::WebcastTask& a, const webcast::WebcastTask& b) {
    return state::codec::encode(a) == state::codec::encode(b);
}

std::string decode_error(const json& j) {
    try {
        state::codec::decode_webcast_task(j);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("codec: a Webcast task goes through encode and decode with every field unchanged",
          "[state][codec]") {
    const webcast::WebcastTask t = full_task();
    const webcast::WebcastTask back =
        state::codec::decode_webcast_task(json::parse(state::codec::encode(t).dump()));
    REQUIRE(same(back, t));
    REQUIRE(back.spec.video_solutions.size() == 2);
    REQUIRE(back.spec.video_solutions[1].bitrate == 500);
    REQUIRE(back.spec.event_notify.start_timeout == 12);
    REQUIRE(back.page.simulated.crashed);
    REQUIRE(back.page.host == "host-1-abc");
    REQUIRE(back.version == 9000000000ULL);
    REQUIRE(back.start_time == 1733580000123);
    REQUIRE(back.timeline_next == 11);
    // A default task too (no video solution, timeline -1).
    const webcast::WebcastTask empty;
    REQUIRE(same(state::codec::decode_webcast_task(state::codec::encode(empty)), empty));
    REQUIRE(state::codec::decode_webcast_task(state::codec::encode(empty)).timeline == -1);
}

TEST_CASE("codec: a Webcast task record that is not what encode writes fails naming the field",
          "[state][codec]") {
    json j = state::codec::encode(full_task());
    json missing = j;
    missing["Page"].erase("Refreshes");
    REQUIRE(decode_error(missing).find("Page.Refreshes") != std::string::npos);
    json wrong = j;
    wrong["Spec"]["VideoSolutions"][1]["Width"] = "wide";
    REQUIRE(decode_error(wrong).find("Spec.VideoSolutions[1].Width") != std::string::npos);
    json status = j;
    status["Status"] = 9;
    REQUIRE(decode_error(status).find("Status") != std::string::npos);
    json negative = j;
    negative["Version"] = -1;
    REQUIRE(decode_error(negative).find("Version") != std::string::npos);
    REQUIRE(decode_error(json::array()).find("Spec") != std::string::npos);
}

TEST_CASE("codec: a whiteboard recording task goes through encode and decode with every field unchanged",
          "[state][codec]") {
    wbrecord::WbRecordTask t;
    t.spec = {"app", "room", "task", "user", "biz", "https://example.com/wb"};
    t.account_id = "acc";
    t.start_time = 1733580000123;
    t.end_time = 1733580009999;
    t.running = false;
    t.stop_reason = "StopByAPI";
    t.generation = 5;
    const auto back = state::codec::decode_wbrecord_task(json::parse(state::codec::encode(t).dump()));
    REQUIRE(state::codec::encode(back) == state::codec::encode(t));
    REQUIRE(back.spec.source_url == "https://example.com/wb");
    REQUIRE_FALSE(back.running);
    REQUIRE(back.generation == 5);
    json j = state::codec::encode(t);
    j["Spec"].erase("UserId");
    REQUIRE_THROWS_WITH(state::codec::decode_wbrecord_task(j), Catch::Contains("Spec.UserId"));
}

TEST_CASE("redis task keys read back any ids, slashes and percent signs included", "[state][codec]") {
    const webcast::TaskKey plain{"app", "room", "task"};
    REQUIRE(state::redis::key_string(plain) == "app/room/task");
    const webcast::TaskKey odd{"a/b", "%2F", "c%/d"};
    const std::string s = state::redis::key_string(odd);
    REQUIRE(state::redis::parse_key_string(s) == odd);
    REQUIRE(state::redis::parse_key_string(state::redis::key_string({"", "", ""})) ==
            webcast::TaskKey{"", "", ""});
    REQUIRE_FALSE(state::redis::parse_key_string("a/b"));
    REQUIRE_FALSE(state::redis::parse_key_string("a/b/c/d"));
    REQUIRE_FALSE(state::redis::parse_key_string("a/b/%zz"));
}
