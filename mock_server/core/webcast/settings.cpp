#include "core/webcast/settings.h"

#include <algorithm>

#include "core/config_reader.h"

namespace rtc::webcast {

namespace {

bool pattern_matches(const std::string& pattern, const std::string& value) {
    if (pattern.empty() || pattern == "*") return true;
    if (pattern.back() == '*')
        return value.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return pattern == value;
}

}  // namespace

bool Timeline::matches(const std::string& app, const std::string& room, const std::string& task) const {
    return pattern_matches(app_id, app) && pattern_matches(room_id, room) && pattern_matches(task_id, task);
}

void parse_lifecycle_settings(const ConfigField& f, LifecycleSettings& out) {
    f.only_keys({"FirstFrameDelayMs", "StartEventFirstFrameDelayMs", "CapturingStatus", "RefreshedStatus",
                 "RescheduledStatus", "PageEndReason", "PageEndStopReason", "MaxReschedules"});
    f.get("FirstFrameDelayMs", out.first_frame_delay_ms, 0, 3600000);
    f.get("StartEventFirstFrameDelayMs", out.start_event_first_frame_delay_ms, 0, 3600000);
    f.get("CapturingStatus", out.capturing_status, 0, 100);
    f.get("RefreshedStatus", out.refreshed_status, 0, 100);
    f.get("RescheduledStatus", out.rescheduled_status, 0, 100);
    f.get("PageEndReason", out.page_end_reason);
    if (f.has("PageEndStopReason"))
        out.page_end_stop_reason = f["PageEndStopReason"].str_matching(
            {"StopByAPI", "UnknownStopReason", "StartTaskFailed", "ExceedMaxRunningTime"});
    f.get("MaxReschedules", out.max_reschedules, 0, 1000);
}

void parse_timelines(const ConfigField& f, std::vector<Timeline>& out) {
    f.expect_array();
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto t = f.at(i);
        t.only_keys({"Match", "Events", "Description"});
        Timeline tl;
        if (t.has("Match")) {
            auto m = t["Match"];
            m.only_keys({"AppId", "RoomId", "TaskId"});
            m.get("AppId", tl.app_id);
            m.get("RoomId", tl.room_id);
            m.get("TaskId", tl.task_id);
        }
        auto events = t["Events"];
        events.expect_array();
        for (std::size_t j = 0; j < events.size(); ++j) {
            auto e = events.at(j);
            e.only_keys({"AfterSeconds", "Event"});
            TimelineEvent ev;
            ev.after_ms = e["AfterSeconds"].integer(0, 86400) * 1000;
            ev.event = *page_event_from(e["Event"].str_matching(page_event_names()));
            tl.events.push_back(ev);
        }
        std::stable_sort(
            tl.events.begin(), tl.events.end(),
            [](const TimelineEvent& a, const TimelineEvent& b) { return a.after_ms < b.after_ms; });
        out.push_back(std::move(tl));
    }
}

}  // namespace rtc::webcast
