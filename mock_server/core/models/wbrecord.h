// A whiteboard recording task (StartWBRecord / StopWBRecord), keyed by AppId + RoomId + TaskId.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/models/webcast.h"

namespace rtc::wbrecord {

using webcast::TaskKey;

struct WbRecordSpec {
    std::string app_id;
    std::string room_id;
    std::string task_id;
    std::string user_id;
    std::string business_id;
    std::string source_url;  // "" = the default whiteboard page
};

struct WbRecordTask {
    WbRecordSpec spec;
    std::string account_id;
    TimeMs start_time = 0;  // Unix ms
    TimeMs end_time = 0;    // 0 while running
    bool running = true;
    std::string stop_reason;       // "" while running; StopByAPI
    std::uint64_t generation = 0;  // bumps on every (re)start

    TaskKey key() const { return TaskKey{spec.app_id, spec.room_id, spec.task_id}; }
    nlohmann::json to_json() const;
};

}  // namespace rtc::wbrecord
