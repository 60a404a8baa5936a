#include "core/webcast/page_event.h"

#include "core/enum_names.h"

namespace rtc::webcast {

namespace {
constexpr EnumName<PageEvent> kEventNames[] = {
    {PageEvent::PageFreeze, "PageFreeze"},     {PageEvent::PageBlank, "PageBlank"},
    {PageEvent::PageCrash, "PageCrash"},       {PageEvent::PageRecover, "PageRecover"},
    {PageEvent::WebcastStart, "WebcastStart"}, {PageEvent::WebcastEnd, "WebcastEnd"}};
constexpr EnumName<PageCheck> kCheckNames[] = {
    {PageCheck::Freeze, "FreezeCheck"}, {PageCheck::Blank, "BlankCheck"}, {PageCheck::Crash, "CrashCheck"}};
}  // namespace

const char* to_string(PageEvent event) {
    return name_of(kEventNames, event);
}

std::optional<PageEvent> page_event_from(std::string_view name) {
    return value_of(kEventNames, name);
}

std::vector<std::string> page_event_names() {
    return names_of(kEventNames);
}

const char* to_string(PageCheck check) {
    return name_of(kCheckNames, check);
}

}  // namespace rtc::webcast
