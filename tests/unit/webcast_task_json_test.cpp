// GetWebCastTask's Result is written by hand on the request path; these hold it to the bytes nlohmann::json
// dumps for the documented WebCastTask object (docs/service-facts.md §4), whatever the task holds.
#include <catch2/catch.hpp>

#include "core/webcast/task_object.h"

using namespace rtc;
using namespace rtc::webcast;
using Json = nlohmann::json;

namespace {

// The documented shape, built as a JSON tree: what the hand-written text must equal byte for byte.
std::string reference(const WebcastTask& t) {
    Json solutions = Json::array();
    for (const auto& v : t.spec.video_solutions)
        solutions.push_back(
            {{"Width", v.width}, {"Height", v.height}, {"FrameRate", v.frame_rate}, {"Bitrate", v.bitrate}});
    const Json task = {{"StartTime", t.start_time},
                       {"EndTime", t.end_time},
                       {"Status", static_cast<int>(t.status)},
                       {"StopReason", t.stop_reason},
                       {"UserId", t.spec.user_id},
                       {"SourceURL", t.spec.source_url},
                       {"MaxRunningTime", t.spec.max_running_time},
                       {"VideoSolutions", solutions},
                       {"EventNotifyConfig",
                        {{"EnableEventNotify", t.spec.event_notify.enable_event_notify},
                         {"StartTimeout", t.spec.event_notify.start_timeout}}},
                       {"MonitorConfig",
                        {{"FreezeCheckInterval", t.spec.monitor.freeze_check_interval},
                         {"BlankCheckInterval", t.spec.monitor.blank_check_interval},
                         {"CrashCheckInterval", t.spec.monitor.crash_check_interval}}}};
    return Json{{"WebCastTask", task}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

WebcastTask running_task() {
    WebcastTask t;
    t.spec.user_id = "webcast_1";
    t.spec.source_url = "https://example.com/page?a=1&b=2";
    t.spec.video_solutions = {{1280, 720, 15, 0}, {640, 360, 30, 500}};
    t.spec.max_running_time = 3600;
    t.spec.monitor = {5, 6, 7};
    t.spec.event_notify = {true, 30};
    t.start_time = 1733011200123;
    t.status = TaskStatus::Running;
    return t;
}

}  // namespace

TEST_CASE("GetWebCastTask's WebCastTask is the documented object, key for key and byte for byte",
          "[webcast][envelope]") {
    WebcastTask t = running_task();
    CHECK(webcast_task_result(t) == reference(t));
    // The admin API's view of the object is the same document.
    CHECK(Json{{"WebCastTask", task_object_json(t)}}.dump() == reference(t));

    t.status = TaskStatus::Ended;
    t.end_time = t.start_time + 5000;
    t.stop_reason = "StopByAPI";
    t.spec.event_notify = {false, 0};
    t.spec.video_solutions.clear();
    CHECK(webcast_task_result(t) == reference(t));
    CHECK(Json::parse(webcast_task_result(t))["WebCastTask"]["VideoSolutions"] == Json::array());
}

TEST_CASE("strings in a WebCastTask are escaped as nlohmann escapes them, invalid UTF-8 replaced",
          "[webcast][envelope]") {
    WebcastTask t = running_task();
    t.spec.user_id = "quote\" backslash\\ tab\t \xe4\xb8\xad";
    t.spec.source_url = "https://example.com/\x01page";
    t.stop_reason = "bad \xff utf-8";
    CHECK(webcast_task_result(t) == reference(t));
}
