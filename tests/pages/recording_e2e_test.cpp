// Recordings of real pages end to end (docs/pages.md "Recordings"): `rtc-mock --pages chromium` records a
// Webcast task's page as the room would receive it, and GET .../recording serves it; Debian's ffprobe and
// ffmpeg judge the files (support/video_probe.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "pages/chromium_mock.h"
#include "support/video_probe.h"

using namespace rtc::test::chromium_mock;
using rtc::test::TempDir;

namespace {

std::string recording_route(const std::string& task) {
    return "/_mock/tasks/webcast/" + kApp + "/" + kRoom + "/" + task + "/recording";
}

// The page's "Recording" object in GET /_mock/tasks (null when there is none).
nlohmann::json recording_of(ChromiumMock& m, const std::string& task) {
    auto t = m.task(task);
    if (!t.is_object() || !t.contains("Page") || !t["Page"].is_object()) return nullptr;
    return t["Page"].value("Recording", nlohmann::json(nullptr));
}

// Writes the route's answer to `path`; the HTTP status.
int fetch(ChromiumMock& m, const std::string& task, const std::string& path, std::string* body = nullptr) {
    auto r = m.get(recording_route(task));
    if (!r) return 0;
    if (r->status == 200) {
        CHECK(r->get_header_value("Content-Type") == "video/webm");
        std::ofstream(path, std::ios::binary) << r->body;
    }
    if (body) *body = r->body;
    return r->status;
}

// The finished file of an ended task: the route's answer once two fetches a moment apart agree.
std::string fetch_finished(ChromiumMock& m, const std::string& task, const std::string& path) {
    std::string before, now;
    for (int i = 0; i < 50; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (fetch(m, task, path, &now) == 200 && !now.empty() && now == before) return now;
        before = now;
    }
    return now;
}

void wait_first_frame(ChromiumMock& m, const std::string& task) {
    auto events = m.wait_events(
        task, [](const auto& e) { return has(e, 1); }, 15000);
    REQUIRE(has(events, 1));
}

}  // namespace

TEST_CASE(
    "with real pages, a page red for a second then blue is recorded at 320x180 and 10 fps, red frames then "
    "blue ones, as long as it was captured") {
    ChromiumMock m;
    TempDir dir;
    m.start("colours", "red-then-blue.html?ms=1000",
            {{"VideoSolutions", {{{"Width", 320}, {"Height", 180}, {"FrameRate", 10}}}}});
    wait_first_frame(m, "colours");
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));

    // While it runs: the frames so far, a playable file.
    const auto running = recording_of(m, "colours");
    INFO(running.dump());
    REQUIRE(running.is_object());
    CHECK(running["State"] == "recording");
    auto events = m.get("/_mock/tasks/webcast/" + kApp + "/" + kRoom + "/colours/events");
    REQUIRE(events);
    CHECK(events->body.find("recording 320x180@10") != std::string::npos);  // a line in the task's events
    REQUIRE(fetch(m, "colours", dir.file("running.webm")) == 200);
    const auto partial = rtc::test::decode(dir.file("running.webm"));
    CHECK(partial.ok);
    CHECK(partial.frames.size() >= 5);

    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    const std::int64_t stopped = m.stop("colours");
    fetch_finished(m, "colours", dir.file("whole.webm"));
    const auto probed = rtc::test::probe(dir.file("whole.webm"));
    INFO(probed.error);
    REQUIRE(probed.ok);
    CHECK(probed.codec == "vp8");
    CHECK(probed.width == 320);
    CHECK(probed.height == 180);
    CHECK(probed.frame_rate == Approx(10).epsilon(0.1));
    // Captured from the first frame (StartedAt) to the stop; a frame interval or two either way.
    const double captured_s = (stopped - running["StartedAt"].get<std::int64_t>()) / 1000.0;
    CHECK(probed.duration_s == Approx(captured_s).margin(0.2));

    const auto video = rtc::test::decode(dir.file("whole.webm"), 10);
    REQUIRE(video.ok);
    std::string colours;  // one letter a frame: r(ed), b(lue), ?(neither)
    for (std::size_t i = 0; i < video.frames.size(); ++i) {
        const auto c = video.mean(i);
        colours += rtc::test::near(c, 255, 0, 0, 40) ? 'r' : rtc::test::near(c, 0, 0, 255, 40) ? 'b' : '?';
    }
    INFO(colours);
    const auto first_blue = colours.find('b');
    REQUIRE(first_blue != std::string::npos);
    CHECK(colours.find_first_not_of('r') == first_blue);                     // red up to the change
    CHECK(colours.find_first_not_of('b', first_blue) == std::string::npos);  // blue after it
    // The page turned blue a second after load; capture began about at load, and the change shows in the
    // next frame's screenshot. Loose on a busy machine: a second of red is 10 frames.
    CHECK(first_blue >= 2);
    CHECK(first_blue <= 15);
}

TEST_CASE("with real pages and Pages.Record false, the recording route answers 404 with an error") {
    ChromiumMock m({{"MaxConcurrent", 8}, {"Record", false}});
    m.start("plain", "red.html",
            {{"VideoSolutions", {{{"Width", 320}, {"Height", 180}, {"FrameRate", 10}}}}});
    wait_first_frame(m, "plain");
    auto r = m.get(recording_route("plain"));
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(nlohmann::json::parse(r->body).value("error", "").find("Pages.Record") != std::string::npos);
    CHECK(recording_of(m, "plain").is_null());
    auto unknown = m.get(recording_route("nope"));
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(nlohmann::json::parse(unknown->body).value("error", "").find("no webcast task") !=
          std::string::npos);
}

TEST_CASE("with real pages, past Pages.RecordMaxBytes the oldest ended recording is deleted first") {
    ChromiumMock m({{"MaxConcurrent", 8}, {"RecordMaxBytes", 1}});
    TempDir dir;
    const nlohmann::json small = {{"VideoSolutions", {{{"Width", 320}, {"Height", 180}, {"FrameRate", 10}}}}};
    for (const std::string task : {"older", "newer"}) {
        m.start(task, "red.html", small);
        wait_first_frame(m, task);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        m.stop(task);
        fetch_finished(m, task, dir.file(task + ".webm"));
        CHECK(rtc::test::probe(dir.file(task + ".webm")).ok);
    }
    auto older = m.get(recording_route("older"));
    REQUIRE(older);
    CHECK(older->status == 404);
    CHECK(nlohmann::json::parse(older->body).value("error", "").find("Pages.RecordMaxBytes") !=
          std::string::npos);
    CHECK(fetch(m, "newer", dir.file("newer-again.webm")) == 200);
}

TEST_CASE("rtc-mock --pages chromium exits 2 with one clear line when Pages.RecordDir cannot be made") {
    const std::string config = pages_config({{"RecordDir", "/proc/no-recordings-here"}});
    auto r = rtc::test::run_mock({"--config", config, "--pages", "chromium", "--port", "0"});
    std::remove(config.c_str());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("Pages.RecordDir: cannot make the folder /proc/no-recordings-here") !=
          std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}
