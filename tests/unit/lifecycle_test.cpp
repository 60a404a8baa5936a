#include <catch2/catch.hpp>

#include "core/config_reader.h"
#include "unit/lifecycle_support.h"

using namespace rtc;
using namespace rtc::test;
using webcast::TaskStatus;
using Calls = std::vector<std::pair<int, std::string>>;

TEST_CASE("the first frame, 1 s after StartWebcast, sends Status=1 and GetWebCastTask shows Running",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t1");
    rig.start(s);
    REQUIRE(rig.task(s).status == TaskStatus::NotStarted);
    rig.advance_s(0.9);
    REQUIRE(rig.received().empty());
    rig.advance_s(0.1);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
    REQUIRE(rig.task(s).status == TaskStatus::Running);
    auto r = rig.received().front();
    REQUIRE(r.envelope.event_type == "WebcastStatusChanged");
    REQUIRE(r.envelope.app_id == kApp);
    REQUIRE(r.envelope.nonce.size() == 4);
    REQUIRE(r.data["RoomId"] == "room1");
    REQUIRE(r.data["TaskId"] == "t1");
    REQUIRE(r.data["UserId"] == "capture-bot");
    REQUIRE(r.data["BusinessId"] == "biz");
    REQUIRE(r.data["Timestamp"] == rig.clock->now_ms());
}

TEST_CASE("MaxRunningTime ends the task: end callback Status=2 ExceedMaxRunningTime, StopReason likewise",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-max");
    s.max_running_time = 60;
    auto started = rig.start(s);
    rig.advance_s(59.9);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
    rig.advance_s(0.2);
    REQUIRE(rig.statuses() == Calls{{1, ""}, {2, "ExceedMaxRunningTime"}});
    auto t = rig.task(s);
    REQUIRE(t.status == TaskStatus::Ended);
    REQUIRE(t.stop_reason == "ExceedMaxRunningTime");
    REQUIRE(t.end_time == started.start_time + 60000);
    REQUIRE(rig.parts->webcast.counts().running == 0);
    rig.advance_s(3600);
    REQUIRE(rig.statuses().size() == 2);
}

TEST_CASE("a frozen page is refreshed (4) after two freeze hits and rescheduled (5) after two more",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-freeze");
    s.monitor.freeze_check_interval = 5;
    rig.start(s);
    rig.advance_s(2);
    REQUIRE(rig.event(webcast::key_of(s), "PageFreeze") == webcast::PageEventResult::Applied);
    rig.advance_s(8.5);  // checks at 6 (hit 1) and 11 (hit 2) after start
    REQUIRE(rig.statuses() == Calls{{1, ""}});
    rig.advance_s(1);
    REQUIRE(rig.statuses() == Calls{{1, ""}, {4, "PageFreeze"}});
    REQUIRE(rig.task(s).page.refreshes == 1);
    REQUIRE(rig.task(s).status == TaskStatus::Running);
    rig.advance_s(10);  // 16 (hit 1), 21 (hit 2)
    REQUIRE(rig.statuses() == Calls{{1, ""}, {4, "PageFreeze"}, {5, "PageFreeze"}});
    auto t = rig.task(s);
    REQUIRE(t.status == TaskStatus::NotStarted);
    REQUIRE(t.stop_reason.empty());
    REQUIRE(t.page.reschedules == 1);
    REQUIRE_FALSE(rig.page_flag(s, "Frozen"));
    rig.advance_s(1);  // the rescheduled page's first frame
    REQUIRE(rig.statuses().back() == std::make_pair(1, std::string("")));
    REQUIRE(rig.task(s).status == TaskStatus::Running);
}

TEST_CASE("a blank page is refreshed (4 PageBlank), and a page that recovers is left alone", "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-blank");
    s.monitor.blank_check_interval = 2;
    rig.start(s);
    auto key = webcast::key_of(s);
    rig.advance_s(1.5);
    rig.event(key, "PageBlank");
    rig.advance_s(2);  // check at 3: hit 1
    rig.event(key, "PageRecover");
    rig.advance_s(10);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
    rig.event(key, "PageBlank");
    rig.advance_s(4);
    REQUIRE(rig.statuses() == Calls{{1, ""}, {4, "PageBlank"}});
}

TEST_CASE("a crashed page is rescheduled (5 PageCrash) at the next crash check, with no refresh first",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-crash");
    s.monitor.crash_check_interval = 3;
    rig.start(s);
    rig.advance_s(2);
    rig.event(webcast::key_of(s), "PageCrash");
    rig.advance_s(2.5);  // check at 4
    REQUIRE(rig.statuses() == Calls{{1, ""}, {5, "PageCrash"}});
    REQUIRE(rig.task(s).status == TaskStatus::NotStarted);
}

TEST_CASE("with monitoring off, a frozen, blank and crashed page raises no callback", "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-off");
    rig.start(s);
    rig.advance_s(2);
    for (const char* e : {"PageFreeze", "PageBlank", "PageCrash"}) rig.event(webcast::key_of(s), e);
    rig.advance_s(300);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
    REQUIRE(rig.task(s).status == TaskStatus::Running);
}

TEST_CASE("with EnableEventNotify, capture and checks wait for onWebcastStart(), then Status=1",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-notify");
    s.event_notify.enable_event_notify = true;
    s.monitor.freeze_check_interval = 2;
    rig.start(s);
    auto key = webcast::key_of(s);
    rig.event(key, "PageFreeze");
    rig.advance_s(30);
    REQUIRE(rig.received().empty());
    REQUIRE(rig.task(s).status == TaskStatus::NotStarted);
    REQUIRE(rig.event(key, "WebcastStart") == webcast::PageEventResult::Applied);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
    REQUIRE(rig.task(s).status == TaskStatus::Running);
    rig.advance_s(4.5);  // the checks start with the capture: hits at 2 and 4
    REQUIRE(rig.statuses() == Calls{{1, ""}, {4, "PageFreeze"}});
}

TEST_CASE("StartTimeout without onWebcastStart refreshes (4 StartEventTimeout), then reschedules (5)",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-timeout");
    s.event_notify.enable_event_notify = true;
    s.event_notify.start_timeout = 10;
    rig.start(s);
    rig.advance_s(9.9);
    REQUIRE(rig.received().empty());
    rig.advance_s(0.2);
    REQUIRE(rig.statuses() == Calls{{4, "StartEventTimeout"}});
    rig.advance_s(9.8);
    REQUIRE(rig.statuses().size() == 1);
    rig.advance_s(0.2);
    REQUIRE(rig.statuses() == Calls{{4, "StartEventTimeout"}, {5, "StartEventTimeout"}});
    REQUIRE(rig.task(s).status == TaskStatus::NotStarted);
    REQUIRE(rig.task(s).page.start_timeouts == 0);  // a new page after the reschedule
}

TEST_CASE("onWebcastStart() within StartTimeout sends Status=1 and no timeout callback", "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-intime");
    s.event_notify.enable_event_notify = true;
    s.event_notify.start_timeout = 10;
    rig.start(s);
    rig.advance_s(5);
    rig.event(webcast::key_of(s), "WebcastStart");
    rig.advance_s(60);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
}

TEST_CASE("a task rescheduled more than MaxReschedules times fails: Status 4, StopReason StartTaskFailed",
          "[lifecycle]") {
    LifecycleRig rig(test_config([](nlohmann::json& d) { d["Lifecycle"] = {{"MaxReschedules", 1}}; }));
    auto s = rig.spec("t-fail");
    s.event_notify.enable_event_notify = true;
    s.event_notify.start_timeout = 10;
    rig.start(s);
    rig.advance_s(40.5);
    REQUIRE(rig.statuses() == Calls{{4, "StartEventTimeout"},
                                    {5, "StartEventTimeout"},
                                    {4, "StartEventTimeout"},
                                    {2, "StartTaskFailed"}});
    auto t = rig.task(s);
    REQUIRE(t.status == TaskStatus::Failed);
    REQUIRE(t.stop_reason == "StartTaskFailed");
    REQUIRE(t.end_time == rig.clock->now_ms() - 500);
}

TEST_CASE("onWebcastEnd() ends the task with the end callback Reason PageEnd", "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-end");
    s.event_notify.enable_event_notify = true;
    rig.start(s);
    auto key = webcast::key_of(s);
    rig.event(key, "WebcastStart");
    rig.advance_s(3);
    rig.event(key, "WebcastEnd");
    REQUIRE(rig.statuses() == Calls{{1, ""}, {2, "PageEnd"}});
    REQUIRE(rig.task(s).status == TaskStatus::Ended);
    REQUIRE(rig.task(s).stop_reason == "StopByAPI");
    REQUIRE(rig.event(key, "PageFreeze") == webcast::PageEventResult::TaskNotRunning);
}

TEST_CASE("page events are refused for unknown tasks, unknown events and JS the page does not have",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-refuse");
    rig.start(s);
    auto key = webcast::key_of(s);
    REQUIRE(rig.event({kApp, "room1", "nope"}, "PageFreeze") == webcast::PageEventResult::UnknownTask);
    REQUIRE_FALSE(webcast::page_event_from("PageMelt"));
    REQUIRE(rig.event(key, "WebcastStart") == webcast::PageEventResult::NotifyDisabled);
}

TEST_CASE("StopWebcast ends the task with the end callback StopByAPI and no timer fires after it",
          "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-stop");
    s.monitor.freeze_check_interval = 2;
    rig.start(s);
    rig.advance_s(5);
    REQUIRE(rig.stop(s));
    REQUIRE(rig.statuses() == Calls{{1, ""}, {2, "StopByAPI"}});
    rig.advance_s(1000);
    REQUIRE(rig.statuses().size() == 2);
}

TEST_CASE("a restarted task's stale timers from its earlier run do nothing", "[lifecycle]") {
    LifecycleRig rig;
    auto s = rig.spec("t-again");
    s.max_running_time = 100;
    rig.start(s);
    rig.advance_s(10);
    REQUIRE(rig.stop(s));
    rig.start(s);       // generation 2
    rig.advance_s(95);  // the first run's MaxRunningTime instant passes
    REQUIRE(rig.task(s).status == TaskStatus::Running);
    REQUIRE(rig.task(s).generation == 2);
}

TEST_CASE("a fixture timeline makes the page freeze N seconds after start", "[lifecycle]") {
    LifecycleRig rig(test_config([](nlohmann::json& d) {
        d["Timelines"] = nlohmann::json::parse(
            R"([{"Match": {"TaskId": "frozen-*"}, "Events": [{"AfterSeconds": 3, "Event": "PageFreeze"}]}])");
    }));
    auto frozen = rig.spec("frozen-1");
    frozen.monitor.freeze_check_interval = 2;
    auto healthy = rig.spec("healthy-1");
    healthy.monitor.freeze_check_interval = 2;
    rig.start(frozen);
    rig.start(healthy);
    rig.advance_s(2.9);
    REQUIRE_FALSE(rig.page_flag(frozen, "Frozen"));
    rig.advance_s(2.2);  // freeze at 3, hits at 3 and 5
    REQUIRE(rig.page_flag(frozen, "Frozen"));
    REQUIRE(rig.task(frozen).page.refreshes == 1);
    REQUIRE(rig.task(healthy).page.refreshes == 0);
    int refreshed = 0;
    for (const auto& r : rig.received())
        if (r.status() == 4) {
            ++refreshed;
            REQUIRE(r.data["TaskId"] == "frozen-1");
        }
    REQUIRE(refreshed == 1);
}

TEST_CASE("the config rejects a timeline with an unknown page event, naming the field",
          "[lifecycle][config]") {
    REQUIRE_THROWS_WITH(test_config([](nlohmann::json& d) {
                            d["Timelines"] = nlohmann::json::parse(
                                R"([{"Events": [{"AfterSeconds": 3, "Event": "PageMelt"}]}])");
                        }),
                        Catch::Contains("Event") && Catch::Contains("PageFreeze"));
    REQUIRE_THROWS_WITH(test_config([](nlohmann::json& d) {
                            d["Lifecycle"] = {{"FirstFrameDelay", 1}};
                        }),
                        Catch::Contains("FirstFrameDelay"));
}

TEST_CASE("Lifecycle.FirstFrameDelayMs moves the first frame", "[lifecycle][config]") {
    LifecycleRig rig(test_config([](nlohmann::json& d) { d["Lifecycle"] = {{"FirstFrameDelayMs", 5000}}; }));
    auto s = rig.spec("t-delay");
    rig.start(s);
    rig.advance_s(4.9);
    REQUIRE(rig.received().empty());
    rig.advance_s(0.1);
    REQUIRE(rig.statuses() == Calls{{1, ""}});
}
