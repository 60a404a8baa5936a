// The simulated page of `--pages scripted` (webcast/simulated_page.h): its state set by page events, what the
// checks find there, its first frame after Lifecycle.FirstFrameDelayMs / StartEventFirstFrameDelayMs, and
// that a backend shut down (the mock's SIGTERM path, docs/lifecycle.md) moves no task any more.
#include <catch2/catch.hpp>

#include "core/webcast/simulated_page.h"
#include "unit/lifecycle_support.h"

using namespace rtc;
using namespace rtc::test;
using namespace rtc::webcast;
using Calls = std::vector<std::pair<int, std::string>>;

namespace {

bool hit(const SimulatedPage& page, PageCheck check) {
    return probe(page, check).hit;
}

}  // namespace

TEST_CASE("page events set a simulated page frozen, blank or crashed, and PageRecover clears all three",
          "[pages]") {
    SimulatedPage page;
    for (PageCheck check : {PageCheck::Freeze, PageCheck::Blank, PageCheck::Crash})
        CHECK_FALSE(hit(page, check));
    CHECK(probe(page, PageCheck::Freeze).detail.empty());

    apply(page, PageEvent::PageFreeze);
    CHECK(hit(page, PageCheck::Freeze));
    CHECK(probe(page, PageCheck::Freeze).detail == "simulated");
    CHECK_FALSE(hit(page, PageCheck::Blank));
    CHECK_FALSE(hit(page, PageCheck::Crash));
    apply(page, PageEvent::PageBlank);
    apply(page, PageEvent::PageCrash);
    CHECK((page.frozen && page.blank && page.crashed));
    for (PageCheck check : {PageCheck::Freeze, PageCheck::Blank, PageCheck::Crash}) CHECK(hit(page, check));

    // The page's JS calls are not its state.
    apply(page, PageEvent::WebcastStart);
    apply(page, PageEvent::WebcastEnd);
    CHECK((page.frozen && page.blank && page.crashed));

    apply(page, PageEvent::PageRecover);
    for (PageCheck check : {PageCheck::Freeze, PageCheck::Blank, PageCheck::Crash})
        CHECK_FALSE(hit(page, check));

    nlohmann::json shown;
    apply(page, PageEvent::PageBlank);
    describe(page, shown);
    CHECK(shown ==
          nlohmann::json{{"Source", "scripted"}, {"Frozen", false}, {"Blank", true}, {"Crashed", false}});
}

TEST_CASE(
    "a task's simulated page is set by page events, shown by the admin API while the task runs, and "
    "starts clean when the task is rescheduled",
    "[pages]") {
    LifecycleRig rig;
    auto s = rig.spec("t-sim");
    s.monitor.crash_check_interval = 5;
    rig.start(s);
    const auto key = key_of(s);
    REQUIRE(rig.event(key, "PageFreeze") == PageEventResult::Applied);
    REQUIRE(rig.event(key, "PageBlank") == PageEventResult::Applied);
    CHECK(rig.task(s).page.simulated.frozen);
    CHECK(rig.task(s).page.simulated.blank);
    CHECK(rig.page_flag(s, "Frozen"));
    CHECK(rig.page_flag(s, "Blank"));
    CHECK_FALSE(rig.page_flag(s, "Crashed"));
    CHECK(rig.parts->webcast.page_state(rig.task(s))["Source"] == "scripted");
    REQUIRE(rig.event(key, "PageRecover") == PageEventResult::Applied);
    CHECK_FALSE(rig.page_flag(s, "Frozen"));
    CHECK_FALSE(rig.page_flag(s, "Blank"));

    // A crash check probes the page: one hit reschedules the task onto a new page, which starts clean.
    rig.advance_s(2);
    REQUIRE(rig.event(key, "PageCrash") == PageEventResult::Applied);
    CHECK(rig.page_flag(s, "Crashed"));
    rig.advance_s(4.5);  // the crash check at 6
    REQUIRE(rig.statuses() == Calls{{1, ""}, {5, "PageCrash"}});
    CHECK_FALSE(rig.task(s).page.simulated.crashed);
    CHECK_FALSE(rig.page_flag(s, "Crashed"));

    // An ended task has no page: its flags are no longer shown.
    REQUIRE(rig.event(key, "PageFreeze") == PageEventResult::Applied);
    REQUIRE(rig.stop(s));
    auto shown = rig.parts->webcast.page_state(rig.task(s));
    CHECK_FALSE(shown.contains("Frozen"));
    CHECK_FALSE(rig.page_flag(s, "Frozen"));
    CHECK(rig.event(key, "PageRecover") == PageEventResult::TaskNotRunning);
}

TEST_CASE("a simulated page's first frame comes Lifecycle.FirstFrameDelayMs after capture may begin",
          "[pages]") {
    LifecycleRig rig;  // the default: 1000 ms
    REQUIRE(rig.parts->config.lifecycle.first_frame_delay_ms == 1000);
    auto s = rig.spec("t-first");
    rig.start(s);
    rig.parts->pump.advance(999);
    CHECK(rig.received().empty());
    CHECK_FALSE(rig.task(s).page.capturing);
    rig.parts->pump.advance(1);
    CHECK(rig.statuses() == Calls{{1, ""}});
    CHECK(rig.task(s).page.capturing);
}

TEST_CASE(
    "with EnableEventNotify a simulated page's first frame comes Lifecycle.StartEventFirstFrameDelayMs "
    "after onWebcastStart(), at once when it is 0",
    "[pages]") {
    SECTION("a delay") {
        LifecycleRig rig(test_config([](nlohmann::json& d) {
            d["Lifecycle"] = {{"StartEventFirstFrameDelayMs", 300}};
        }));
        auto s = rig.spec("t-start-delay");
        s.event_notify.enable_event_notify = true;
        rig.start(s);
        rig.advance_s(10);
        CHECK(rig.received().empty());
        REQUIRE(rig.event(key_of(s), "WebcastStart") == PageEventResult::Applied);
        CHECK(rig.task(s).page.start_event_seen);
        rig.parts->pump.advance(299);
        CHECK(rig.received().empty());
        rig.parts->pump.advance(1);
        CHECK(rig.statuses() == Calls{{1, ""}});
    }
    SECTION("the default, 0") {
        LifecycleRig rig;
        REQUIRE(rig.parts->config.lifecycle.start_event_first_frame_delay_ms == 0);
        auto s = rig.spec("t-start-now");
        s.event_notify.enable_event_notify = true;
        rig.start(s);
        REQUIRE(rig.event(key_of(s), "WebcastStart") == PageEventResult::Applied);
        CHECK(rig.statuses() == Calls{{1, ""}});
    }
}

TEST_CASE("once the Webcast backend shuts down, no timer fires: no page sends its first frame", "[pages]") {
    LifecycleRig rig;
    std::vector<WebcastSpec> specs;
    for (int i = 0; i < 3; ++i) {
        specs.push_back(rig.spec("t-shut" + std::to_string(i)));
        rig.start(specs.back());
    }
    REQUIRE(rig.parts->pump.pending() > 0);
    rig.parts->webcast.shutdown();
    // A shared engine's timers are every replica's: a replica stopping leaves them to the others.
    if (!rig.parts->engine->shared()) CHECK(rig.parts->pump.pending() == 0);
    rig.advance_s(5);
    CHECK(rig.received().empty());
    for (const auto& s : specs) CHECK(rig.task(s).status == TaskStatus::NotStarted);
}

TEST_CASE(
    "once the Webcast backend shuts down, a page event plays nothing and a task started afterwards "
    "never captures",
    "[pages]") {
    LifecycleRig rig;
    auto s = rig.spec("t-shut-notify");
    s.event_notify.enable_event_notify = true;
    rig.start(s);
    rig.parts->webcast.shutdown();
    // A page that would call onWebcastStart() now plays nothing.
    rig.event(key_of(s), "WebcastStart");
    rig.advance_s(5);
    CHECK_FALSE(rig.task(s).page.start_event_seen);
    CHECK(rig.received().empty());
    // Nor does a page opened afterwards send a first frame.
    auto late = rig.spec("t-shut-late");
    rig.start(late);
    rig.advance_s(5);
    CHECK(rig.received().empty());
    CHECK(rig.task(late).status == TaskStatus::NotStarted);
}
