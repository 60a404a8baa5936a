// The simulated page of `--pages scripted` (the default): its state (frozen, blank, crashed) is what the
// admin API and the config's Timelines set, kept in the task's record (so every process serving the task sees
// it), and it answers every check at once. Its first frame comes a configured delay after capture may begin
// (Lifecycle.FirstFrameDelayMs, Lifecycle.StartEventFirstFrameDelayMs), on the task's FirstFrame timer.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/models/webcast.h"
#include "core/webcast/page_event.h"
#include "core/webcast/page_source.h"

namespace rtc::webcast {

// A check of the simulated page: a hit while it is set so.
ProbeResult probe(const SimulatedPage& page, PageCheck check);
// PageFreeze, PageBlank, PageCrash set the page so; PageRecover clears all three. A refreshed page stays as
// it was (refreshing does not fix it, which is how a second pair of hits reschedules the task).
void apply(SimulatedPage& page, PageEvent event);
// What the admin API shows of it: {"Source":"scripted","Frozen":..,"Blank":..,"Crashed":..}.
void describe(const SimulatedPage& page, nlohmann::json& out);

}  // namespace rtc::webcast
