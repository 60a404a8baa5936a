#include "pages/chromium_pages.h"

#include <stdexcept>

#include "pages/browser_process.h"
#include "pages/chromium_page.h"

namespace rtc::pages {

namespace {

std::string browser_or_throw(const PagesSettings& settings) {
    std::string why;
    std::string path = find_browser(settings.browser_path, &why);
    if (path.empty()) throw std::runtime_error(why);
    return path;
}

}  // namespace

ChromiumPages::ChromiumPages(const PagesSettings& settings, std::shared_ptr<const Clock> clock)
    : recordings_(settings.record ? std::make_shared<RecordingStore>(
                                        settings, clock ? std::move(clock) : std::make_shared<RealClock>())
                                  : nullptr),
      host_(std::make_shared<BrowserHost>(settings, browser_or_throw(settings))) {}

ChromiumPages::~ChromiumPages() {
    shutdown();
}

void ChromiumPages::start() {
    std::string why;
    if (!host_->browser(&why)) throw std::runtime_error(why);
}

std::shared_ptr<webcast::Page> ChromiumPages::open(const webcast::PageRequest& request,
                                                   std::shared_ptr<webcast::PageListener> listener) {
    auto page = std::make_shared<ChromiumPage>(host_, request, std::move(listener), recordings_);
    // After shutdown the page stays closed: it reports nothing and its probes answer "closed".
    if (!host_->admit(page)) page->close();
    return page;
}

webcast::RecordingBytes ChromiumPages::recording(const webcast::TaskKey& key) const {
    if (!recordings_) return {};
    return recordings_->read(key);
}

void ChromiumPages::shutdown() {
    host_->shutdown();
}

}  // namespace rtc::pages
