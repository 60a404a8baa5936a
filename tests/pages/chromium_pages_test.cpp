// ChromiumPages against the real headless Chromium of this machine, on the fixture pages of fixtures/pages/
// served on loopback. A fake listener stands in for the lifecycle: these tests check what a page reports and
// what each check answers; the lifecycle's use of it (callbacks 4 and 5) is tested end to end.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "pages/browser_process.h"
#include "pages/chromium_page.h"
#include "pages/page_test_support.h"
#include "pages/png_decode.h"
#include "support/fixture_pages.h"

using rtc::pages::ChromiumPages;
using rtc::test::FixturePages;
using rtc::test::OpenPage;
using rtc::test::page_request;
using rtc::test::probe_now;
using rtc::test::test_settings;
using rtc::webcast::PageCheck;

TEST_CASE(
    "a page that calls onWebcastStart() after a delay reports it no earlier, and onWebcastEnd() ends it") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage p(source, page_request(fixtures.url("delayed-start.html?start=1200&end=2500"), 640, 360, true),
               false);
    auto start = p.listener->wait_for("start", 10000);
    REQUIRE(start);
    CHECK(start->at_ms >= 1200);
    CHECK(p.listener->count("first_frame") == 0);  // capture waits for the lifecycle's begin_capture
    p.page->begin_capture(true);
    REQUIRE(p.capturing());
    auto end = p.listener->wait_for("end", 10000);
    REQUIRE(end);
    CHECK(end->at_ms >= 2500);
    CHECK(p.listener->count("failed") == 0);
}

TEST_CASE("onWebcastStart and onWebcastEnd exist only with EnableEventNotify, and survive a reload") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage without(source, page_request(fixtures.url("console.html")));
    OpenPage with(source, page_request(fixtures.url("console.html"), 640, 360, true));
    REQUIRE(without.capturing());
    REQUIRE(with.capturing());
    auto said = [](const nlohmann::json& d, const std::string& text) {
        for (const auto& line : d["Console"])
            if (line["Text"] == text) return true;
        return false;
    };
    CHECK(said(without.page->describe(), "onWebcastStart is undefined, onWebcastEnd is undefined"));
    CHECK(said(with.page->describe(), "onWebcastStart is function, onWebcastEnd is function"));

    OpenPage again(source, page_request(fixtures.url("delayed-start.html?start=100"), 640, 360, true), false);
    REQUIRE(again.listener->wait_for("start", 10000));
    again.page->reload();
    // The reloaded document calls onWebcastStart() again: the injected functions survive the reload.
    for (int i = 0; i < 100 && again.listener->count("start") < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(again.listener->count("start") == 2);
}

TEST_CASE("a page that never changes is a freeze hit and a lively page never is") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage frozen(source, page_request(fixtures.url("static.html")));
    OpenPage lively(source, page_request(fixtures.url("lively.html")));
    REQUIRE(frozen.capturing());
    REQUIRE(lively.capturing());
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        auto f = probe_now(*frozen.page, PageCheck::Freeze);
        auto l = probe_now(*lively.page, PageCheck::Freeze);
        INFO(f.detail << " / " << l.detail);
        // The static page may still be settling between its first frame and the first check.
        if (i > 0) CHECK(f.hit);
        CHECK_FALSE(l.hit);
    }
}

TEST_CASE("a white page is a blank hit, and a lively page, a red page or a page that never changes is not") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage white(source, page_request(fixtures.url("white.html")));
    OpenPage lively(source, page_request(fixtures.url("lively.html")));
    OpenPage red(source, page_request(fixtures.url("red.html")));
    OpenPage still(source, page_request(fixtures.url("static.html")));
    for (auto* p : {&white, &lively, &red, &still}) REQUIRE(p->capturing());
    auto w = probe_now(*white.page, PageCheck::Blank);
    INFO(w.detail);
    CHECK(w.hit);
    CHECK_FALSE(probe_now(*lively.page, PageCheck::Blank).hit);
    CHECK_FALSE(probe_now(*red.page, PageCheck::Blank).hit);
    CHECK_FALSE(probe_now(*still.page, PageCheck::Blank).hit);
    // A white page is blank, not frozen: the freeze check leaves it to the blank check.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK_FALSE(probe_now(*white.page, PageCheck::Freeze).hit);
}

TEST_CASE("a page whose JS loops forever is a crash hit and a lively page answers") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage looping(source, page_request(fixtures.url("js-loop.html?after=300")));
    OpenPage lively(source, page_request(fixtures.url("lively.html")));
    REQUIRE(looping.capturing());
    REQUIRE(lively.capturing());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto hung = probe_now(*looping.page, PageCheck::Crash);
    INFO(hung.detail);
    CHECK(hung.hit);
    auto fine = probe_now(*lively.page, PageCheck::Crash);
    INFO(fine.detail);
    CHECK_FALSE(fine.hit);
}

TEST_CASE("a page whose JS loops before it ever paints fails with PageCrash instead of a first frame") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage looping(source, page_request(fixtures.url("js-loop.html?after=0")));
    auto failed = looping.listener->wait_for("failed", 20000);
    INFO(looping.listener->all());
    REQUIRE(failed);
    CHECK(failed->text.rfind("PageCrash: ", 0) == 0);
}

TEST_CASE("the screenshot of a red page at 640x360 is 640x360 and red") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage red(source, page_request(fixtures.url("red.html"), 640, 360));
    REQUIRE(red.capturing());
    auto png = red.page->screenshot_png();
    REQUIRE(png);
    std::string error;
    auto image = rtc::pages::decode_png(*png, &error);
    INFO(error);
    REQUIRE(image);
    CHECK(image->width == 640);
    CHECK(image->height == 360);
    std::size_t red_pixels = 0;
    for (std::size_t i = 0; i < image->rgba.size(); i += 4)
        red_pixels += image->rgba[i] == 255 && image->rgba[i + 1] == 0 && image->rgba[i + 2] == 0;
    CHECK(red_pixels == 640u * 360u);
}

TEST_CASE("the viewport is the task's first VideoSolutions entry") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage p(source, page_request(fixtures.url("red.html"), 1278, 720));
    REQUIRE(p.capturing());
    auto png = p.page->screenshot_png();
    REQUIRE(png);
    auto size = rtc::pages::png_size(*png);
    REQUIRE(size);
    CHECK(size->first == 1278);
    CHECK(size->second == 720);
}

TEST_CASE("frames for the checks are taken at most FrameRate times a second") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    auto request = page_request(fixtures.url("lively.html"));
    request.frame_rate = 1;
    OpenPage p(source, request);
    REQUIRE(p.capturing());
    const auto before = p.page->describe()["Frames"].get<int>();
    for (int i = 0; i < 4; ++i) probe_now(*p.page, PageCheck::Blank);
    // Four checks within a second look at one frame (the first frame, or one new one if it had aged).
    CHECK(p.page->describe()["Frames"].get<int>() - before <= 1);
}

TEST_CASE("a SourceURL outside Pages.AllowedHosts is not opened and fails with PageCrash, naming the host") {
    ChromiumPages source(test_settings());
    OpenPage p(source, page_request("http://example.com/"));
    auto failed = p.listener->wait_for("failed", 10000);
    REQUIRE(failed);
    CHECK(failed->text.find("PageCrash: ") == 0);
    CHECK(failed->text.find("example.com is not in Pages.AllowedHosts") != std::string::npos);
    CHECK(p.page->describe()["LoadErrors"].size() == 1);
    OpenPage file(source, page_request("file:///etc/passwd"));
    REQUIRE(file.listener->wait_for("failed", 10000));
}

TEST_CASE("a page that does not load fails with PageCrash and the browser's error") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    // A loopback port nobody listens on: the fixture server's, once it is gone.
    std::string url;
    {
        FixturePages gone;
        url = gone.url("lively.html");
    }
    OpenPage p(source, page_request(url));
    auto failed = p.listener->wait_for("failed", 15000);
    REQUIRE(failed);
    CHECK(failed->text.find("PageCrash: the page did not load: net::ERR_CONNECTION_REFUSED") == 0);
    CHECK(p.page->describe()["State"] == "failed");
}

TEST_CASE("console messages, uncaught exceptions and load errors are kept with the page and noted") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage p(source, page_request(fixtures.url("console.html")));
    REQUIRE(p.capturing());
    for (int i = 0; i < 100 && p.page->describe()["LoadErrors"].empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto d = p.page->describe();
    INFO(d.dump(2));
    std::string console = d["Console"].dump();
    CHECK(console.find("something broke on purpose") != std::string::npos);
    CHECK(console.find("uncaught on purpose") != std::string::npos);
    for (int i = 0; i < 100 && p.page->describe()["LoadErrors"].size() < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    d = p.page->describe();
    REQUIRE(d["LoadErrors"].size() == 2);
    // Outside AllowedHosts neither a name nor an address resolves: nothing leaves loopback.
    for (const auto& e : d["LoadErrors"])
        CHECK(e["Text"].get<std::string>().find("net::ERR_NAME_NOT_RESOLVED") != std::string::npos);
    CHECK(d["LoadErrors"].dump().find("not-allowed.example") != std::string::npos);
    CHECK(d["LoadErrors"].dump().find("192.0.2.1") != std::string::npos);
    CHECK(d["HttpStatus"] == 200);
    // The errors also became lines of the task's events.
    auto note = p.listener->wait_for("note", 5000);
    REQUIRE(note);
    CHECK(p.listener->count("failed") == 0);
}

TEST_CASE("the console kept per page is bounded by Pages.ConsoleLines") {
    FixturePages fixtures;
    auto settings = test_settings();
    settings.console_lines = 2;
    ChromiumPages source(settings);
    OpenPage p(source, page_request(fixtures.url("console.html")));
    REQUIRE(p.capturing());
    // Three entries come (a line, an error, an exception): the last two are kept.
    for (int i = 0; i < 100 && p.page->describe()["Console"].dump().find("uncaught") == std::string::npos;
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto console = p.page->describe()["Console"];
    INFO(console.dump());
    CHECK(console.size() == 2);
    CHECK(console[1]["Text"].get<std::string>().find("uncaught on purpose") != std::string::npos);
}

TEST_CASE("pages past Pages.MaxConcurrent wait in line and open when a slot frees") {
    FixturePages fixtures;
    auto settings = test_settings();
    settings.max_concurrent = 1;
    ChromiumPages source(settings);
    OpenPage first(source, page_request(fixtures.url("lively.html")));
    OpenPage second(source, page_request(fixtures.url("red.html")));
    REQUIRE(first.capturing());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(second.listener->count("first_frame") == 0);
    CHECK(second.page->describe()["State"] == "waiting");
    CHECK(second.page->describe()["PlaceInLine"] == 1);
    CHECK(source.host().pages_waiting() == 1);
    first.page->close();
    REQUIRE(second.capturing());
    CHECK(source.host().pages_open() == 1);
}

TEST_CASE("a closed page's browser context is disposed at once and its probes still answer") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    std::string why;
    auto browser = source.host().browser(&why);
    REQUIRE(browser);
    auto page_targets = [&] {
        auto t = browser->cdp->call("Target.getTargets", nlohmann::json::object(), "", 5000);
        int n = 0;
        for (const auto& info : t["targetInfos"])
            n += info["type"] == "page" && info.contains("browserContextId") &&
                 info["url"].get<std::string>().find("lively") != std::string::npos;
        return n;
    };
    OpenPage p(source, page_request(fixtures.url("lively.html")));
    REQUIRE(p.capturing());
    CHECK(page_targets() == 1);
    p.page->close();
    int left = 1;
    for (int i = 0; i < 40 && (left = page_targets()) > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    CHECK(left == 0);
    auto r = probe_now(*p.page, PageCheck::Freeze);
    CHECK_FALSE(r.hit);
    CHECK(r.detail == "the page is closed");
}

TEST_CASE("a browser that dies fails its pages with PageCrash and the next page restarts it") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage p(source, page_request(fixtures.url("lively.html")));
    REQUIRE(p.capturing());
    const pid_t first = source.host().browser_pid();
    REQUIRE(first > 0);
    kill(first, SIGKILL);
    auto failed = p.listener->wait_for("failed", 10000);
    REQUIRE(failed);
    CHECK(failed->text.find("PageCrash: the browser exited (killed by signal 9)") == 0);
    CHECK(rtc::test::group_gone(first, 5000));
    OpenPage next(source, page_request(fixtures.url("red.html")));
    REQUIRE(next.capturing());
    CHECK(source.host().browser_launches() == 2);
    CHECK(source.host().browser_pid() != first);
}

TEST_CASE("shutdown closes the browser and leaves no browser process") {
    FixturePages fixtures;
    ChromiumPages source(test_settings());
    OpenPage p(source, page_request(fixtures.url("lively.html")));
    REQUIRE(p.capturing());
    const pid_t browser = source.host().browser_pid();
    REQUIRE(rtc::test::live_processes_in_group(browser).size() >= 2);  // the browser and its helpers
    source.shutdown();
    // The group is SIGKILLed before shutdown returns; on a busy machine a helper can take a moment to exit.
    CHECK(rtc::test::group_gone(browser, 2000));
    CHECK(source.host().browser_pid() == -1);
    // A page opened after shutdown stays closed and answers.
    OpenPage late(source, page_request(fixtures.url("lively.html")));
    CHECK(probe_now(*late.page, PageCheck::Crash).detail == "the page is closed");
}

TEST_CASE("a process that is killed leaves no browser process behind") {
    // The child owns the browser; SIGKILL gives it no chance to clean up: PR_SET_PDEATHSIG does.
    // A temporary directory of its own, so no other test's browser launch clears its leftovers first.
    char tmp[] = "/tmp/rtc-pages-killed-XXXXXX";
    REQUIRE(mkdtemp(tmp));
    setenv("TMPDIR", tmp, 1);
    int report[2];
    REQUIRE(pipe(report) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(report[0]);
        ChromiumPages source(test_settings());
        source.start();
        const pid_t browser = source.host().browser_pid();
        [[maybe_unused]] auto w = write(report[1], &browser, sizeof(browser));
        for (;;) pause();
    }
    close(report[1]);
    pid_t browser = -1;
    REQUIRE(read(report[0], &browser, sizeof(browser)) == sizeof(browser));
    close(report[0]);
    REQUIRE(browser > 0);
    REQUIRE_FALSE(rtc::test::live_processes_in_group(browser).empty());
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    CHECK(rtc::test::group_gone(browser, 10000));
    // Its profile directory stays behind until the next launch clears what dead owners left.
    CHECK(rtc::test::profiles_left_by(child) == 1);
    rtc::pages::remove_stale_profiles();
    CHECK(rtc::test::profiles_left_by(child) == 0);
    unsetenv("TMPDIR");
    rmdir(tmp);
}
