#include "pages/page_source_factory.h"

#include <stdexcept>

#include "pages/chromium_pages.h"

namespace rtc::pages {

std::unique_ptr<webcast::PageSource> make_page_source(const PagesSettings& settings,
                                                      std::shared_ptr<const Clock> clock) {
    if (settings.renderer != Renderer::Chromium) return nullptr;
    if (clock->is_virtual())
        throw std::runtime_error(
            "--pages chromium needs the real clock: a real page runs in real time (drop --clock virtual)");
    try {
        auto source = std::make_unique<ChromiumPages>(settings, std::move(clock));
        source->start();
        return source;
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("--pages chromium: ") + e.what());
    }
}

}  // namespace rtc::pages
