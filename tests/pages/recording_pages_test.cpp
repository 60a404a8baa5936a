// ChromiumPages' recordings against the real browser (docs/pages.md "Recordings"): what a reschedule records.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "pages/page_test_support.h"
#include "support/fixture_pages.h"
#include "support/video_probe.h"

using rtc::pages::ChromiumPages;
using rtc::test::FixturePages;
using rtc::test::OpenPage;
using rtc::test::page_request;
using rtc::test::test_settings;

namespace {

// The page's Recording once its file is finished (capture ended and the encoder thread done), else null.
nlohmann::json finished_recording(const rtc::webcast::Page& page) {
    for (int i = 0; i < 100; ++i) {
        const auto rec = page.describe().value("Recording", nlohmann::json(nullptr));
        if (rec.is_object() && rec.value("State", "") != "recording") return rec;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return nullptr;
}

// Captures `url` as page `instance` of the task for half a second, then closes it; its finished Recording.
nlohmann::json record_page(ChromiumPages& source, rtc::webcast::PageRequest request, const std::string& url,
                           std::uint64_t instance) {
    request.source_url = url;
    request.instance = instance;
    OpenPage p(source, request);
    REQUIRE(p.capturing());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    p.page->close();
    return finished_recording(*p.page);
}

bool exists(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE(
    "a rescheduled task's new page records a file of its own, and the task's recording is the newest "
    "page's") {
    FixturePages fixtures;
    rtc::test::TempDir dir;
    ChromiumPages source(test_settings());
    auto request = page_request("", 320, 180);
    request.frame_rate = 10;

    const auto first = record_page(source, request, fixtures.url("red.html"), 1);
    INFO(first.dump());
    REQUIRE(first.is_object());
    CHECK(first["State"] == "finished");
    CHECK(first["FramesEncoded"].get<int>() >= 3);
    const auto second = record_page(source, request, fixtures.url("white.html"), 2);
    INFO(second.dump());
    REQUIRE(second.is_object());
    CHECK(second["State"] == "finished");
    CHECK(second["Path"] != first["Path"]);
    CHECK(exists(first["Path"].get<std::string>()));  // the earlier page's file is kept

    const auto rec = source.recording(request.key);
    REQUIRE(rec.webm);
    std::ofstream(dir.file("task.webm"), std::ios::binary) << *rec.webm;
    const auto video = rtc::test::decode(dir.file("task.webm"));
    REQUIRE(video.ok);
    REQUIRE(!video.frames.empty());
    for (std::size_t i = 0; i < video.frames.size(); ++i) {
        INFO("frame " << i << ": " << rtc::test::describe(video.mean(i)));
        CHECK(rtc::test::near(video.mean(i), 255, 255, 255));  // the white page's, not the red one's
    }
}

TEST_CASE("without Pages.Record a page has no Recording and its task no recording") {
    FixturePages fixtures;
    auto settings = test_settings();
    settings.record = false;
    ChromiumPages source(settings);
    OpenPage p(source, page_request(fixtures.url("red.html"), 320, 180));
    REQUIRE(p.capturing());
    CHECK_FALSE(p.page->describe().contains("Recording"));
    CHECK_FALSE(source.recording(page_request("").key).webm);
}

TEST_CASE("a recording whose file cannot be made says so in the page's Recording and the task's answer") {
    FixturePages fixtures;
    rtc::test::TempDir dir;
    auto settings = test_settings();
    settings.record_dir = dir.file("recordings");
    ChromiumPages source(settings);
    std::filesystem::remove_all(settings.record_dir);  // gone after start-up: the file cannot be created
    OpenPage p(source, page_request(fixtures.url("red.html"), 320, 180));
    REQUIRE(p.capturing());
    nlohmann::json rec;
    for (int i = 0; i < 100 && !rec.is_object(); ++i) {
        rec = p.page->describe().value("Recording", nlohmann::json(nullptr));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    INFO(rec.dump());
    REQUIRE(rec.is_object());
    CHECK(rec["State"] == "failed");
    CHECK(rec.value("Error", "").find("recordings") != std::string::npos);  // names the path
    CHECK(p.listener->count("failed") == 0);                                // the page itself goes on
    const auto answer = source.recording(page_request("").key);
    CHECK_FALSE(answer.webm);
    CHECK(answer.missing.find("failed") != std::string::npos);
}

TEST_CASE("a temp recordings folder left by a killed mock is removed when the next one starts") {
    const pid_t gone = fork();  // a pid whose process has ended
    REQUIRE(gone >= 0);
    if (gone == 0) _exit(0);
    waitpid(gone, nullptr, 0);
    const auto temp = std::filesystem::temp_directory_path();
    const auto stale = temp / ("rtc-mock-recordings-" + std::to_string(gone) + "-test");
    const auto alive = temp / "rtc-mock-recordings-1-test";  // pid 1 runs
    std::filesystem::create_directories(stale);
    std::ofstream(stale / "left.webm") << "bytes";
    std::filesystem::create_directories(alive);
    {
        ChromiumPages source(test_settings());
        CHECK_FALSE(std::filesystem::exists(stale));
        CHECK(std::filesystem::exists(alive));
    }
    std::filesystem::remove_all(alive);
    std::filesystem::remove_all(stale);
}
