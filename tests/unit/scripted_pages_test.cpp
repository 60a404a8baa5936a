// The scripted page source on its own: what a page reports, and that a source shut down silences every page
// it opened at once (the mock's SIGTERM path, docs/lifecycle.md).
#include <catch2/catch.hpp>

#include "core/webcast/scripted_pages.h"

using namespace rtc;
using namespace rtc::webcast;

namespace {
struct CountingListener final : PageListener {
    int first_frames = 0, starts = 0;
    void start_called() override { ++starts; }
    void end_called() override {}
    void first_frame() override { ++first_frames; }
    void note(const std::string&) override {}
    void failed(const std::string&, const std::string&) override {}
};
}  // namespace

TEST_CASE("a scripted page reports its first frame FirstFrameDelayMs after capture may begin", "[pages]") {
    auto clock = std::make_shared<VirtualClock>(1'700'000'000'000);
    Scheduler scheduler(clock);
    LifecycleSettings settings;  // first frame 1000 ms after capture may begin
    ScriptedPages source(scheduler, settings);
    auto listener = std::make_shared<CountingListener>();
    auto page = source.open(PageRequest{}, listener);
    page->begin_capture(false);
    scheduler.advance(999);
    CHECK(listener->first_frames == 0);
    scheduler.advance(1);
    CHECK(listener->first_frames == 1);
}

TEST_CASE("once the scripted source shuts down, none of its pages reports anything, with no page closed",
          "[pages]") {
    auto clock = std::make_shared<VirtualClock>(1'700'000'000'000);
    Scheduler scheduler(clock);
    LifecycleSettings settings;
    ScriptedPages source(scheduler, settings);
    auto listener = std::make_shared<CountingListener>();
    std::vector<std::shared_ptr<Page>> pages;
    for (int i = 0; i < 3; ++i) {
        pages.push_back(source.open(PageRequest{}, listener));
        pages.back()->begin_capture(false);
    }
    source.shutdown();
    scheduler.advance(5000);
    CHECK(listener->first_frames == 0);
    CHECK_FALSE(pages[0]->simulate(PageEvent::WebcastStart));  // a page of a shut source plays nothing
    CHECK(listener->starts == 0);
    pages.push_back(source.open(PageRequest{}, listener));  // nor does one opened afterwards
    pages.back()->begin_capture(false);
    scheduler.advance(5000);
    CHECK(listener->first_frames == 0);
}
