// What the recorder refuses: specs it cannot encode, files it cannot write, pictures that are not what they
// say. Each gives an error the caller can show, never a crash, and a refused picture leaves the recording
// going.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "recording/ffmpeg/webm_recorder.h"
#include "recording/synthetic_pictures.h"
#include "support/video_probe.h"

using rtc::recording::VideoSpec;
using rtc::recording::WebmRecorder;
using rtc::test::TempDir;

TEST_CASE("a spec the encoder cannot use is refused when opening, with the field named") {
    TempDir dir;
    struct Case {
        VideoSpec spec;
        const char* names;
    };
    const Case cases[] = {
        {{0, 360, 10, 0, 8}, "width"},       {{640, -2, 10, 0, 8}, "height"},
        {{640, 360, 0, 0, 8}, "frame_rate"}, {{640, 360, 10, -1, 8}, "bitrate_kbps"},
        {{640, 360, 10, 0, 17}, "speed"},    {{100000, 360, 10, 0, 8}, "width"},
    };
    for (const auto& c : cases) {
        std::string error;
        CHECK_FALSE(WebmRecorder::open(dir.file("x.webm"), c.spec, &error));
        CHECK_THAT(error, Catch::Contains(c.names));
    }
}

TEST_CASE("a path that cannot be written is refused when opening") {
    std::string error;
    CHECK_FALSE(WebmRecorder::open("/nonexistent-folder/x.webm", VideoSpec{}, &error));
    CHECK_THAT(error, Catch::Contains("/nonexistent-folder/x.webm"));
}

TEST_CASE("bad pictures are refused with an error and counted as dropped, and the recording goes on") {
    TempDir dir;
    const std::string path = dir.file("bad.webm");
    std::string error;
    auto r = WebmRecorder::open(path, VideoSpec{320, 180, 10, 0, 8}, &error);
    REQUIRE(r);
    const auto good = rtc::test::solid(320, 180, 30, 200, 60);
    REQUIRE(r->add(good, 0));

    CHECK_FALSE(r->add(nullptr, 0, 0, 0, 1));  // 0x0
    CHECK_THAT(r->error(), Catch::Contains("0x0"));
    CHECK_FALSE(r->add(good.rgba.data(), good.rgba.size(), -5, 180, 1));
    CHECK_FALSE(r->add(nullptr, 320 * 180 * 4, 320, 180, 1));                  // no pixels
    CHECK_FALSE(r->add(good.rgba.data(), good.rgba.size() - 1, 320, 180, 1));  // one byte short
    CHECK_THAT(r->error(), Catch::Contains("230400"));
    CHECK_FALSE(r->add(good.rgba.data(), good.rgba.size(), 640, 360, 1));    // says larger than it is
    CHECK_FALSE(r->add(good.rgba.data(), good.rgba.size(), 1 << 20, 1, 1));  // beyond the largest side
    CHECK_FALSE(r->add(good, 0));                                            // the same frame number again
    CHECK_THAT(r->error(), Catch::Contains("does not come after"));
    CHECK(r->frames_dropped() == 7);
    CHECK_FALSE(r->failed());

    // A smaller picture whose buffer is larger than needed is fine (the extra bytes are not read).
    CHECK(r->add(good.rgba.data(), good.rgba.size(), 160, 90, 1));
    CHECK(r->add(good, 2));
    REQUIRE(r->finish());
    CHECK(r->frames_encoded() == 3);
    CHECK(rtc::test::decode(path).frames.size() == 3);

    CHECK_FALSE(r->add(good, 3));
    CHECK_THAT(r->error(), Catch::Contains("finished"));
    CHECK(r->finish());  // a second finish answers as the first
}

TEST_CASE("a file that cannot be written stops the recording with an error, not a crash") {
    std::string error;
    CHECK_FALSE(WebmRecorder::open("/dev/full", VideoSpec{}, &error));
    CHECK_THAT(error, Catch::Contains("No space left"));

    // The disk fills up mid-recording: a child process with a file size limit (the limit is the process's,
    // so not the test runner's) reports what it saw in its exit code.
    TempDir dir;
    const std::string path = dir.file("full.webm");
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing
        rlimit limit{20000, 20000};
        setrlimit(RLIMIT_FSIZE, &limit);
        std::string why;
        auto r = WebmRecorder::open(path, VideoSpec{320, 180, 10, 0, 8}, &why);
        if (!r) _exit(10);
        int i = 0;
        while (i < 1000 && r->add(rtc::test::busy(320, 180, i), i)) ++i;
        if (i == 1000 || !r->failed()) _exit(11);
        if (r->error().find("File too large") == std::string::npos) _exit(12);
        if (r->add(rtc::test::busy(320, 180, i), i + 1)) _exit(13);
        if (r->add(rtc::test::busy(320, 180, i), i + 2)) _exit(13);
        // Refusals after the failure name it once, not wrapped again each time.
        if (r->error().rfind("the recording failed: ", 0) != 0 ||
            r->error().find("failed: the recording failed") != std::string::npos)
            _exit(14);
        if (r->finish()) _exit(15);
        _exit(r->frames_encoded() > 0 ? 0 : 16);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
