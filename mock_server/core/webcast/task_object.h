// The documented WebCastTask object (GetWebCastTask's Result, docs/service-facts.md §4), described once: the
// writer of GetWebCastTask (written by hand, a load test polls it), the admin API's task view and the tests
// all take their fields from here.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/json/writer.h"
#include "core/models/webcast.h"

namespace rtc::webcast {

// The object's fields, in nlohmann's member order (byte order of the names), on an object writer
// (core/json/writer.h).
template <typename Object>
void describe_task_object(const WebcastTask& t, Object& o) {
    const auto& n = t.spec.event_notify;
    const auto& m = t.spec.monitor;
    o.number("EndTime", t.end_time);
    o.object("EventNotifyConfig", [&](auto& e) {
        e.boolean("EnableEventNotify", n.enable_event_notify);
        e.number("StartTimeout", n.start_timeout);
    });
    o.number("MaxRunningTime", t.spec.max_running_time);
    o.object("MonitorConfig", [&](auto& c) {
        c.number("BlankCheckInterval", m.blank_check_interval);
        c.number("CrashCheckInterval", m.crash_check_interval);
        c.number("FreezeCheckInterval", m.freeze_check_interval);
    });
    o.string("SourceURL", t.spec.source_url);
    o.number("StartTime", t.start_time);
    o.number("Status", static_cast<int>(t.status));
    o.string("StopReason", t.stop_reason);
    o.string("UserId", t.spec.user_id);
    o.array("VideoSolutions", t.spec.video_solutions, [](auto& v, const VideoSolution& s) {
        v.number("Bitrate", s.bitrate);
        v.number("FrameRate", s.frame_rate);
        v.number("Height", s.height);
        v.number("Width", s.width);
    });
}

// GetWebCastTask's Result, {"WebCastTask":{...}}, as JSON text.
std::string webcast_task_result(const WebcastTask& task);
// The WebCastTask object as an nlohmann document.
nlohmann::json task_object_json(const WebcastTask& task);

}  // namespace rtc::webcast
