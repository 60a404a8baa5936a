// Settings of the Webcast lifecycle (config section `Lifecycle`) and the scripted page timelines
// (`Timelines`). Every timing and code the real service does not document is a choice here. Data only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/webcast/page_event.h"

namespace rtc {
class ConfigField;
}

namespace rtc::webcast {

struct LifecycleSettings {
    // Without EnableEventNotify the page starts capturing this long after StartWebcast (and after a
    // reschedule).
    std::int64_t first_frame_delay_ms = 1000;
    // With EnableEventNotify the first frame follows onWebcastStart() after this long (0: at once).
    std::int64_t start_event_first_frame_delay_ms = 0;
    // Callback Status values (the seed page's): capture running, page refreshed, task rescheduled.
    int capturing_status = 1;
    int refreshed_status = 4;
    int rescheduled_status = 5;
    // onWebcastEnd(): the end callback's Reason and the StopReason GetWebCastTask shows.
    std::string page_end_reason = "PageEnd";
    std::string page_end_stop_reason = "StopByAPI";
    // A task rescheduled more often than this fails: Status 4, StopReason StartTaskFailed.
    int max_reschedules = 3;
};

struct TimelineEvent {
    std::int64_t after_ms = 0;  // after StartWebcast
    PageEvent event = PageEvent::PageFreeze;
};

// "Tasks matching this play these page events": values ending in `*` match a prefix, absent or "*" matches
// all.
struct Timeline {
    std::string app_id;
    std::string room_id;
    std::string task_id;
    std::vector<TimelineEvent> events;  // by after_ms
    bool matches(const std::string& app, const std::string& room, const std::string& task) const;
};

void parse_lifecycle_settings(const ConfigField& f, LifecycleSettings& out);
void parse_timelines(const ConfigField& f, std::vector<Timeline>& out);

}  // namespace rtc::webcast
