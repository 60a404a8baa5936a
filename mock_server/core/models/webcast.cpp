#include "core/models/webcast.h"

#include "core/enum_names.h"

namespace rtc::webcast {

namespace {

constexpr EnumName<WebcastTimer> kTimers[] = {
    {WebcastTimer::MaxRunningTime, "MaxRunningTime"},
    {WebcastTimer::StartTimeout, "StartTimeout"},
    {WebcastTimer::FreezeCheck, "FreezeCheck"},
    {WebcastTimer::BlankCheck, "BlankCheck"},
    {WebcastTimer::CrashCheck, "CrashCheck"},
    {WebcastTimer::FirstFrame, "FirstFrame"},
    {WebcastTimer::Timeline, "Timeline"},
    {WebcastTimer::PageHost, "PageHost"},
};

}  // namespace

const char* to_string(WebcastTimer timer) {
    return name_of(kTimers, timer);
}

std::optional<WebcastTimer> webcast_timer_from(std::string_view name) {
    return value_of(kTimers, name);
}

}  // namespace rtc::webcast
