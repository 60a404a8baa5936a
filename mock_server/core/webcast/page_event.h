// What can happen to a Webcast task's page: the checks of MonitorConfig, and the events the admin API
// (`POST /_mock/tasks/webcast/.../events`) and the config's Timelines play on a simulated page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtc::webcast {

// The checks of MonitorConfig.
enum class PageCheck { Freeze, Blank, Crash };

enum class PageEvent { PageFreeze, PageBlank, PageCrash, PageRecover, WebcastStart, WebcastEnd };

const char* to_string(PageEvent event);
std::optional<PageEvent> page_event_from(std::string_view name);
std::vector<std::string> page_event_names();
const char* to_string(PageCheck check);

}  // namespace rtc::webcast
