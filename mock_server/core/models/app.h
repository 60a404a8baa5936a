// An app as the console sets it up: which services it has on, and how its whiteboard recording is set up
// (StartWBRecord's preconditions, docs/service-facts.md §4). The fixture's apps, changed at run time by
// `PUT /_mock/apps/{AppId}`; the state engine keeps them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtc {

// How the console's whiteboard recording page is set up (StartWBRecord's precondition).
enum class WhiteboardMode { Video, Signaling, None };
const char* to_string(WhiteboardMode mode);
std::optional<WhiteboardMode> whiteboard_mode_from(std::string_view name);
std::vector<std::string> whiteboard_mode_names();

// What the console says about an app.
struct App {
    std::string app_id;
    std::string account_id;
    bool vod_enabled = true;
    bool cloud_recording_enabled = true;
    WhiteboardMode whiteboard_record_mode = WhiteboardMode::Video;
};

}  // namespace rtc
