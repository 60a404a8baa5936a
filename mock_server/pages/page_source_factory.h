// The page source the command line and the config ask for (Pages.Renderer, --pages).
#pragma once

#include <memory>

#include "core/clock.h"
#include "core/pages_settings.h"
#include "core/webcast/page_source.h"

namespace rtc::pages {

// nullptr for "scripted" (the core's default source); for "chromium" a ChromiumPages whose browser has
// started. Throws std::runtime_error with one line when it cannot be: the virtual clock (a real page runs in
// real time), no browser, a browser that does not start.
// Its recordings run on `clock`, the mock's.
std::unique_ptr<webcast::PageSource> make_page_source(const PagesSettings& settings,
                                                      std::shared_ptr<const Clock> clock);

}  // namespace rtc::pages
