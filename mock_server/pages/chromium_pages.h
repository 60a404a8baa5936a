// `--pages chromium`: the page source that opens each task's SourceURL in headless Chromium (docs/pages.md).
// The lifecycle sees only webcast::PageSource; everything about the browser lives behind it.
#pragma once

#include <memory>

#include "core/clock.h"
#include "core/pages_settings.h"
#include "core/webcast/page_source.h"
#include "pages/browser_host.h"
#include "pages/recording_store.h"

namespace rtc::pages {

class ChromiumPages final : public webcast::PageSource {
  public:
    // Throws std::runtime_error when there is no browser to run (names Pages.BrowserPath or the package).
    // Recordings (Pages.Record) run on `clock`, the mock's; null = a real clock of its own (tests). Throws
    // std::runtime_error too when Pages.RecordDir cannot be made.
    explicit ChromiumPages(const PagesSettings& settings, std::shared_ptr<const Clock> clock = nullptr);
    ~ChromiumPages() override;

    // Launches the browser now, so a broken installation stops the mock at start-up; throws
    // std::runtime_error with the browser's own words.
    void start();
    std::shared_ptr<webcast::Page> open(const webcast::PageRequest& request,
                                        std::shared_ptr<webcast::PageListener> listener) override;
    void shutdown() override;
    const char* name() const override { return "chromium"; }
    webcast::RecordingBytes recording(const webcast::TaskKey& key) const override;

    BrowserHost& host() { return *host_; }

  private:
    std::shared_ptr<RecordingStore> recordings_;  // null: Pages.Record is false
    std::shared_ptr<BrowserHost> host_;
};

}  // namespace rtc::pages
