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

ChromiumPages::ChromiumPages(const PagesSettings& settings)
    : host_(std::make_shared<BrowserHost>(settings, browser_or_throw(settings))) {}

ChromiumPages::~ChromiumPages() {
    shutdown();
}

void ChromiumPages::start() {
    std::string why;
    if (!host_->browser(&why)) throw std::runtime_error(why);
}

std::shared_ptr<webcast::Page> ChromiumPages::open(const webcast::PageRequest& request,
                                                   std::shared_ptr<webcast::PageListener> listener) {
    auto page = std::make_shared<ChromiumPage>(host_, request, std::move(listener));
    // After shutdown the page stays closed: it reports nothing and its probes answer "closed".
    if (!host_->admit(page)) page->close();
    return page;
}

void ChromiumPages::shutdown() {
    host_->shutdown();
}

}  // namespace rtc::pages
