// The recorder as rtc-mock reaches it: through the plugin rtc-mock-recorder.so (recording/recorder_loader.h),
// which holds FFmpeg so that rtc-mock does not.
#include <catch2/catch.hpp>

#include "recording/recorder_loader.h"
#include "recording/synthetic_pictures.h"
#include "support/video_probe.h"

using rtc::recording::open_recorder;
using rtc::recording::VideoSpec;

TEST_CASE("a recording opened through the plugin is a VP8 WebM file of the requested size", "[recording]") {
    rtc::test::TempDir dir;
    const VideoSpec spec{320, 180, 10, 0, 8};
    std::string error;
    auto recorder = open_recorder(dir.file("plugin.webm"), spec, &error, RTC_RECORDER_PLUGIN);
    REQUIRE(recorder);
    CHECK(error.empty());
    for (int i = 0; i < 10; ++i) REQUIRE(recorder->add(rtc::test::solid(640, 360, 0, 0, 255), i));
    REQUIRE(recorder->finish());
    CHECK(recorder->frames_encoded() == 10);
    CHECK(recorder->bytes_written() > 0);
    const auto probed = rtc::test::probe(dir.file("plugin.webm"));
    REQUIRE(probed.ok);
    CHECK(probed.codec == "vp8");
    CHECK(probed.width == 320);
    CHECK(probed.height == 180);
    const auto decoded = rtc::test::decode(dir.file("plugin.webm"));
    REQUIRE(decoded.ok);
    REQUIRE(decoded.frames.size() == 10);
    CHECK(rtc::test::near(decoded.mean(9), 0, 0, 255, 30));
}

TEST_CASE("a spec the encoder refuses comes back as the plugin's error", "[recording]") {
    rtc::test::TempDir dir;
    std::string error;
    CHECK_FALSE(
        open_recorder(dir.file("bad.webm"), VideoSpec{320, 180, 0, 0, 8}, &error, RTC_RECORDER_PLUGIN));
    CHECK_THAT(error, Catch::Contains("frame_rate"));
}

TEST_CASE("without the plugin, opening a recording says what to install instead of failing later",
          "[recording]") {
    rtc::test::TempDir dir;
    std::string error;
    CHECK_FALSE(
        open_recorder(dir.file("none.webm"), VideoSpec{}, &error, "/nonexistent/rtc-mock-recorder.so"));
    CHECK_THAT(error,
               Catch::Contains("rtc-mock-recorder") && Catch::Contains("/nonexistent/rtc-mock-recorder.so"));
    CHECK_FALSE(open_recorder(dir.file("none.webm"), VideoSpec{}, &error, RTC_NOT_A_PLUGIN));
    CHECK_THAT(error, Catch::Contains("is not rtc-mock's recorder plugin"));
}
