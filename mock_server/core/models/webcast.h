// The Webcast (cloud screen capture) task: what StartWebcast asked for and where the task is in its life.
// Shared by the actions, the lifecycle, the state engine and the admin API.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/time_ms.h"

namespace rtc::webcast {

struct VideoSolution {
    int width = 1280;
    int height = 720;
    int frame_rate = 15;
    int bitrate = 0;
};

struct MonitorConfig {
    int freeze_check_interval = 0;  // seconds, 0 = off
    int blank_check_interval = 0;
    int crash_check_interval = 0;
};

struct EventNotifyConfig {
    bool enable_event_notify = false;
    int start_timeout = 0;  // seconds, 0 = off
};

// A validated StartWebcast request with its defaults filled in.
struct WebcastSpec {
    std::string app_id;
    std::string room_id;
    std::string task_id;
    std::string user_id;
    std::string business_id;
    std::string source_url;
    std::vector<VideoSolution> video_solutions;
    int max_running_time = 86400;
    MonitorConfig monitor;
    EventNotifyConfig event_notify;
};

// GetWebCastTask Status (docs/service-facts.md §4).
enum class TaskStatus { UnknownError = 0, NotStarted = 1, Running = 2, Ended = 3, Failed = 4 };

// What the admin API and the Timelines set on a simulated page (--pages scripted).
struct SimulatedPage {
    bool frozen = false;
    bool blank = false;
    bool crashed = false;
};

// What the lifecycle knows of the task's current page (a real page itself lives in its process).
struct PageState {
    bool capturing = false;         // first frame sent (Status=1 callback has been sent)
    bool start_event_seen = false;  // onWebcastStart() called
    int freeze_hits = 0;            // consecutive
    int blank_hits = 0;
    int refreshes = 0;    // of this page instance
    int reschedules = 0;  // of this start of the task
    int start_timeouts = 0;
    SimulatedPage simulated;  // a new page (reschedule) starts clean
    std::string host;         // the replica holding the real page ("" when nobody shares the state)
};

// The timers a running task may have, at most one of each kind (state::TaskTxn::arm).
enum class WebcastTimer : std::uint8_t {
    MaxRunningTime,
    StartTimeout,
    FreezeCheck,
    BlankCheck,
    CrashCheck,
    FirstFrame,  // a simulated page's first frame, a fixed delay after capture may begin
    Timeline,    // the next event of the task's config timeline
    PageHost,    // a real page's process is still alive (shared engines: else the task is rescheduled)
};

inline constexpr int kWebcastTimerKinds = static_cast<int>(WebcastTimer::PageHost) + 1;
const char* to_string(WebcastTimer timer);
std::optional<WebcastTimer> webcast_timer_from(std::string_view name);

struct WebcastTask {
    WebcastSpec spec;
    std::string account_id;
    TimeMs start_time = 0;  // Unix ms
    TimeMs end_time = 0;    // 0 while running
    TaskStatus status = TaskStatus::NotStarted;
    std::string
        stop_reason;  // "" while running; UnknownStopReason, StopByAPI, StartTaskFailed, ExceedMaxRunningTime
    PageState page;
    std::uint64_t generation = 0;     // bumps on every (re)start, so reports for an earlier start are ignored
    std::uint64_t instance = 0;       // the current page instance (1, then one more per reschedule)
    std::uint64_t version = 0;        // bumps on every stored change (the state engine keeps it)
    std::int32_t timeline = -1;       // the config timeline it plays (index), -1 none
    std::uint32_t timeline_next = 0;  // the next event of it

    bool running() const { return status == TaskStatus::NotStarted || status == TaskStatus::Running; }
};

struct TaskKey {
    std::string app_id;
    std::string room_id;
    std::string task_id;
    bool operator<(const TaskKey& o) const {
        return std::tie(app_id, room_id, task_id) < std::tie(o.app_id, o.room_id, o.task_id);
    }
    bool operator==(const TaskKey& o) const {
        return app_id == o.app_id && room_id == o.room_id && task_id == o.task_id;
    }
    std::string str() const { return app_id + "/" + room_id + "/" + task_id; }
};

struct TaskKeyHash {
    std::size_t operator()(const TaskKey& k) const {
        std::size_t h = std::hash<std::string>{}(k.app_id);
        h ^= std::hash<std::string>{}(k.room_id) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h ^= std::hash<std::string>{}(k.task_id) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h;
    }
};

inline TaskKey key_of(const WebcastSpec& s) {
    return TaskKey{s.app_id, s.room_id, s.task_id};
}

}  // namespace rtc::webcast
