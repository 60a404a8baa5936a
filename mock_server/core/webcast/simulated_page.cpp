#include "core/webcast/simulated_page.h"

#include <nlohmann/json.hpp>

namespace rtc::webcast {

ProbeResult probe(const SimulatedPage& page, PageCheck check) {
    const bool hit = check == PageCheck::Freeze  ? page.frozen
                     : check == PageCheck::Blank ? page.blank
                                                 : page.crashed;
    return ProbeResult{hit, hit ? "simulated" : ""};
}

void apply(SimulatedPage& page, PageEvent event) {
    switch (event) {
        case PageEvent::PageFreeze:
            page.frozen = true;
            break;
        case PageEvent::PageBlank:
            page.blank = true;
            break;
        case PageEvent::PageCrash:
            page.crashed = true;
            break;
        case PageEvent::PageRecover:
            page = SimulatedPage{};
            break;
        case PageEvent::WebcastStart:
        case PageEvent::WebcastEnd:
            break;  // calls of the page's JS, not its state: the lifecycle plays them
    }
}

void describe(const SimulatedPage& page, nlohmann::json& out) {
    out["Source"] = "scripted";
    out["Frozen"] = page.frozen;
    out["Blank"] = page.blank;
    out["Crashed"] = page.crashed;
}

}  // namespace rtc::webcast
