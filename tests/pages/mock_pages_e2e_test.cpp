// `rtc-mock --pages chromium` end to end, on the real clock: each test starts the binary, points the app's
// callback at the fixture server (which answers 200) and starts a task on a fixture page; the callbacks the
// page's behaviour causes are read back from the delivery journal (GET /_mock/callbacks), in order.
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>

#include "http/api_client.h"
#include "pages/browser_process.h"
#include "pages/chromium_mock.h"
#include "pages/page_test_support.h"
#include "pages/png_decode.h"
#include "support/api_calls.h"
#include "support/fixture_pages.h"
#include "support/mock_process.h"

using rtc::test::FixturePages;
using rtc::test::MockProcess;
using namespace rtc::test::chromium_mock;

namespace {

// The mock's browser: the child process of the mock (it leads its own process group).
int browser_of(pid_t mock) {
    int found = -1;
    if (auto* dir = opendir("/proc")) {
        while (auto* e = readdir(dir)) {
            const int pid = std::atoi(e->d_name);
            if (pid <= 0) continue;
            std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
            std::string line;
            if (!std::getline(stat, line) || line.find("chromium") == std::string::npos) continue;
            int ppid = 0;
            std::sscanf(line.c_str() + line.rfind(')') + 1, " %*c %d", &ppid);
            if (ppid == mock) found = pid;
        }
        closedir(dir);
    }
    return found;
}

nlohmann::json checks(int freeze, int blank, int crash) {
    return {{"FreezeCheckInterval", freeze}, {"BlankCheckInterval", blank}, {"CrashCheckInterval", crash}};
}

// The task's events up to its first reschedule, as "status/reason" words: "1/ 4/PageBlank 5/PageBlank ".
std::string until_rescheduled(ChromiumMock& m, const std::string& task, int timeout_ms) {
    auto events = m.wait_events(
        task, [](const auto& e) { return has(e, 5); }, timeout_ms);
    std::vector<Event> upto;
    for (const auto& e : events) {
        upto.push_back(e);
        if (e.status == 5) break;
    }
    return events_text(upto);
}

}  // namespace

TEST_CASE(
    "with real pages, a page that calls onWebcastStart() late gets Status=1 no earlier, and PageEnd at "
    "onWebcastEnd()") {
    ChromiumMock m;
    const auto t0 = m.start("late", "delayed-start.html?start=1500&end=4000",
                            {{"EventNotifyConfig", {{"EnableEventNotify", true}, {"StartTimeout", 10}}}});
    auto events = m.wait_events(
        "late", [](const auto& e) { return has(e, 2); }, 20000);
    INFO(events_text(events));
    REQUIRE(events.size() == 2);
    CHECK(events[0].status == 1);
    CHECK(events[0].timestamp - t0 >= 1500);
    CHECK(events[1].status == 2);
    CHECK(events[1].reason == "PageEnd");
    CHECK(events[1].timestamp - t0 >= 4000);
}

TEST_CASE("with real pages, a page that never calls onWebcastStart() gets 4 then 5 StartEventTimeout") {
    ChromiumMock m;
    m.start("never", "never-starts.html",
            {{"EventNotifyConfig", {{"EnableEventNotify", true}, {"StartTimeout", 2}}}});
    CHECK(until_rescheduled(m, "never", 20000) == "4/StartEventTimeout 5/StartEventTimeout ");
}

TEST_CASE("with real pages, a white page gets 4 then 5 PageBlank, even with every check on") {
    ChromiumMock m;
    m.start("white", "white.html", {{"MonitorConfig", checks(2, 2, 2)}});
    CHECK(until_rescheduled(m, "white", 30000) == "1/ 4/PageBlank 5/PageBlank ");
}

TEST_CASE("with real pages, a page that never changes gets 4 then 5 PageFreeze") {
    ChromiumMock m;
    m.start("frozen", "static.html", {{"MonitorConfig", checks(2, 2, 2)}});
    CHECK(until_rescheduled(m, "frozen", 30000) == "1/ 4/PageFreeze 5/PageFreeze ");
}

TEST_CASE("with real pages, a page whose JS loops forever gets 5 PageCrash") {
    ChromiumMock m;
    m.start("hung", "js-loop.html?after=500", {{"MonitorConfig", checks(0, 0, 2)}});
    CHECK(until_rescheduled(m, "hung", 20000) == "1/ 5/PageCrash ");
}

TEST_CASE("with real pages, a lively page with every check on gets no 4 or 5") {
    ChromiumMock m;
    m.start("lively", "lively.html",
            {{"MonitorConfig", checks(2, 2, 2)},
             {"EventNotifyConfig", {{"EnableEventNotify", true}, {"StartTimeout", 2}}}});
    // Six rounds of every check (two refreshes' worth of hits and more).
    std::this_thread::sleep_for(std::chrono::seconds(13));
    auto events = m.events("lively");
    INFO(events_text(events));
    REQUIRE(events.size() == 1);
    CHECK(events[0].status == 1);
    auto t = m.task("lively");
    INFO(t.dump());
    CHECK(t["Page"]["State"] == "capturing");
}

TEST_CASE("with real pages, the screenshot of a red page at 640x360 is 640x360 and red") {
    ChromiumMock m;
    const std::string route = "/_mock/tasks/webcast/" + kApp + "/" + kRoom + "/red/screenshot";
    auto none = m.get(route);
    REQUIRE(none);
    CHECK(none->status == 404);
    m.start("red", "red.html", {{"VideoSolutions", {{{"Width", 640}, {"Height", 360}, {"FrameRate", 15}}}}});
    auto events = m.wait_events(
        "red", [](const auto& e) { return has(e, 1); }, 15000);
    REQUIRE(has(events, 1));
    auto shot = m.get(route);
    REQUIRE(shot);
    REQUIRE(shot->status == 200);
    CHECK(shot->get_header_value("Content-Type") == "image/png");
    auto image = rtc::pages::decode_png(shot->body);
    REQUIRE(image);
    CHECK(image->width == 640);
    CHECK(image->height == 360);
    bool all_red = true;
    for (std::size_t i = 0; i < image->rgba.size() && all_red; i += 4)
        all_red = image->rgba[i] == 255 && image->rgba[i + 1] == 0 && image->rgba[i + 2] == 0;
    CHECK(all_red);
    auto unknown = m.get("/_mock/tasks/webcast/" + kApp + "/" + kRoom + "/nope/screenshot");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(nlohmann::json::parse(unknown->body).contains("error"));
}

TEST_CASE("with real pages, GET /_mock/tasks shows the page's console and load errors") {
    ChromiumMock m;
    m.start("talky", "console.html");
    nlohmann::json page;
    for (int i = 0; i < 100; ++i) {
        page = m.task("talky")["Page"];
        if (page.is_object() && page["LoadErrors"].size() >= 2 &&
            page["Console"].dump().find("uncaught on purpose") != std::string::npos)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(page.dump(2));
    CHECK(page["Renderer"] == "chromium");
    CHECK(page["Console"].dump().find("something broke on purpose") != std::string::npos);
    CHECK(page["LoadErrors"].size() == 2);
}

TEST_CASE("rtc-mock --pages chromium with --clock virtual exits 2 with one clear line") {
    auto r = rtc::test::run_mock({"--config", rtc::test::source_path("fixtures/default.json"), "--pages",
                                  "chromium", "--clock", "virtual", "--port", "0"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--pages chromium needs the real clock") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    auto bad = rtc::test::run_mock({"--pages", "firefox"});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("rtc-mock --pages chromium leaves no browser process after SIGTERM or SIGKILL") {
    for (int sig : {SIGTERM, SIGKILL}) {
        INFO("signal " << sig);
        ChromiumMock m;
        m.start("t", "lively.html");
        REQUIRE(has(m.wait_events(
                        "t", [](const auto& e) { return has(e, 1); }, 15000),
                    1));
        const int browser = browser_of(m.process().pid());
        REQUIRE(browser > 0);
        REQUIRE(rtc::test::live_processes_in_group(browser).size() >= 2);
        if (sig == SIGTERM) {
            CHECK(m.process().stop() == 0);
            CHECK(rtc::test::live_processes_in_group(browser).empty());
        } else {
            const pid_t mock = m.process().pid();
            kill(mock, SIGKILL);
            m.process().stop();
            CHECK(rtc::test::group_gone(browser, 10000));
            rtc::pages::remove_stale_profiles();  // what the next mock does first
            CHECK(rtc::test::profiles_left_by(mock) == 0);
        }
    }
}
