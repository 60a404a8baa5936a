// The console state of the fixture's apps (config section `Apps`): which services each app has on, and how
// its whiteboard recording is set up (StartWBRecord's preconditions, docs/service-facts.md §4). Data only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/callbacks/settings.h"
#include "core/signing/settings.h"

namespace rtc {

class ConfigField;

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

// The apps, each of an account of `accounts`; an app's `Callback` becomes its default callback setting.
void parse_apps(const ConfigField& f, const std::vector<Account>& accounts, std::vector<App>& apps,
                std::vector<CallbackFixture>& callbacks);

}  // namespace rtc
