#include "core/webcast/page_source.h"

namespace rtc::webcast {

const char* to_string(PageEvent event) {
    switch (event) {
        case PageEvent::PageFreeze:
            return "PageFreeze";
        case PageEvent::PageBlank:
            return "PageBlank";
        case PageEvent::PageCrash:
            return "PageCrash";
        case PageEvent::PageRecover:
            return "PageRecover";
        case PageEvent::WebcastStart:
            return "WebcastStart";
        case PageEvent::WebcastEnd:
            return "WebcastEnd";
    }
    return "?";
}

std::optional<PageEvent> page_event_from(const std::string& name) {
    for (PageEvent e : kPageEvents)
        if (name == to_string(e)) return e;
    return std::nullopt;
}

const char* to_string(PageCheck check) {
    switch (check) {
        case PageCheck::Freeze:
            return "FreezeCheck";
        case PageCheck::Blank:
            return "BlankCheck";
        case PageCheck::Crash:
            return "CrashCheck";
    }
    return "?";
}

}  // namespace rtc::webcast
