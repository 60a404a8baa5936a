#include "core/webcast/page_source.h"

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

std::optional<PageEvent> page_event_from(const std::string& name) {
    return value_of(kEventNames, name);
}

const char* to_string(PageCheck check) {
    return name_of(kCheckNames, check);
}

}  // namespace rtc::webcast
