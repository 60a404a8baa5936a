// WebmRecorder judged by Debian's ffprobe and ffmpeg: codec, size, frame rate, length, and the colour of
// every frame, for files finished and for copies taken while recording.
#include <catch2/catch.hpp>
#include <filesystem>

#include "recording/ffmpeg/webm_recorder.h"
#include "recording/synthetic_pictures.h"
#include "support/video_probe.h"

using rtc::recording::Picture;
using rtc::recording::VideoSpec;
using rtc::recording::WebmRecorder;
using rtc::test::decode;
using rtc::test::describe;
using rtc::test::near;
using rtc::test::probe;
using rtc::test::solid;
using rtc::test::TempDir;

namespace {

std::unique_ptr<WebmRecorder> open_or_fail(const std::string& path, const VideoSpec& spec) {
    std::string error;
    auto r = WebmRecorder::open(path, spec, &error);
    INFO(error);
    REQUIRE(r);
    return r;
}

struct Colour {
    int r, g, b;
};
const Colour kRed{230, 30, 30};
const Colour kGreen{30, 200, 60};
const Colour kBlue{40, 50, 220};

// Frames 0..9 red, 10..19 green, 20..29 blue at the spec's size.
void record_three_colours(WebmRecorder& r) {
    const Colour colours[] = {kRed, kGreen, kBlue};
    const VideoSpec& s = r.spec();
    for (int i = 0; i < 30; ++i) {
        const Colour c = colours[i / 10];
        REQUIRE(r.add(solid(s.width, s.height, c.r, c.g, c.b), i));
    }
}

}  // namespace

TEST_CASE("a recording is VP8 in WebM at the requested size, frame rate and length") {
    TempDir dir;
    const std::string path = dir.file("a.webm");
    const VideoSpec spec = GENERATE(VideoSpec{640, 360, 10, 0, 8}, VideoSpec{1280, 720, 15, 1500, 8},
                                    VideoSpec{320, 240, 30, 300, 8});
    INFO(spec.width << "x" << spec.height << "@" << spec.frame_rate);
    auto r = open_or_fail(path, spec);
    const int frames = spec.frame_rate * 2;  // two seconds
    for (int i = 0; i < frames; ++i) REQUIRE(r->add(solid(spec.width, spec.height, 20, 120, 200), i));
    REQUIRE(r->finish());
    CHECK(r->frames_encoded() == frames);
    CHECK(r->frames_dropped() == 0);

    const auto p = probe(path);
    INFO(p.error);
    REQUIRE(p.ok);
    CHECK(p.codec == "vp8");
    CHECK(p.width == spec.width);
    CHECK(p.height == spec.height);
    CHECK(p.frame_rate == Approx(spec.frame_rate).epsilon(0.10));
    CHECK(p.duration_s == Approx(2.0).margin(2.0 / spec.frame_rate));
    const auto d = decode(path);
    REQUIRE(d.ok);
    CHECK(d.frames.size() == static_cast<std::size_t>(frames));
}

TEST_CASE("each colour shows in exactly the frames it was given") {
    TempDir dir;
    const std::string path = dir.file("colours.webm");
    auto r = open_or_fail(path, VideoSpec{640, 360, 10, 0, 8});
    record_three_colours(*r);
    REQUIRE(r->finish());
    const auto d = decode(path);
    REQUIRE(d.ok);
    REQUIRE(d.frames.size() == 30);
    const Colour colours[] = {kRed, kGreen, kBlue};
    for (std::size_t i = 0; i < d.frames.size(); ++i) {
        const Colour c = colours[i / 10];
        const auto m = d.mean(i);
        INFO("frame " << i << " is " << describe(m));
        CHECK(near(m, c.r, c.g, c.b));
    }
}

TEST_CASE("a still input records a still picture") {
    TempDir dir;
    const std::string path = dir.file("still.webm");
    auto r = open_or_fail(path, VideoSpec{640, 360, 10, 0, 8});
    // Left half red, right half blue: a picture with an edge, so a wandering encoder would show.
    Picture p = solid(640, 360, 40, 50, 220);
    for (int y = 0; y < 360; ++y)
        for (int x = 0; x < 320; ++x) {
            std::uint8_t* px = &p.rgba[(static_cast<std::size_t>(y) * 640 + x) * 4];
            px[0] = 230, px[1] = 30, px[2] = 30;
        }
    for (int i = 0; i < 25; ++i) REQUIRE(r->add(p, i));
    REQUIRE(r->finish());
    const auto d = decode(path);
    REQUIRE(d.ok);
    REQUIRE(d.frames.size() == 25);
    int repeats = 0;
    for (std::size_t i = 0; i < d.frames.size(); ++i) {
        INFO("frame " << i);
        CHECK(near(d.mean(i, 20, 20, 300, 340), 230, 30, 30));
        CHECK(near(d.mean(i, 340, 20, 620, 340), 40, 50, 220));
        if (i == 0) continue;
        // Frame to frame the picture hardly moves. In the first second the encoder refines its first, coarse
        // key frame, and each key frame (every 2 s) re-quantises the picture by a few levels; between them
        // the decoded frames are exact repeats.
        int worst = 0;
        double total = 0;
        for (std::size_t b = 0; b < d.frames[i].size(); ++b) {
            const int diff = std::abs(d.frames[i][b] - d.frames[i - 1][b]);
            worst = std::max(worst, diff);
            total += diff;
        }
        const double mean = total / static_cast<double>(d.frames[i].size());
        CHECK(worst <= (i < 10 ? 32 : 12));
        CHECK(mean <= (i < 10 ? 12 : 4));
        if (i >= 10 && worst == 0) ++repeats;
    }
    CHECK(repeats >= 8);  // of the 15 steps after the first second
}

TEST_CASE("a copy of the file taken while recording decodes to the frames so far") {
    TempDir dir;
    const std::string path = dir.file("live.webm");
    auto r = open_or_fail(path, VideoSpec{640, 360, 10, 0, 8});
    for (int i = 0; i < 10; ++i) REQUIRE(r->add(solid(640, 360, kRed.r, kRed.g, kRed.b), i));
    for (int i = 10; i < 17; ++i) REQUIRE(r->add(solid(640, 360, kGreen.r, kGreen.g, kGreen.b), i));
    // Every byte is on disk after each frame, nothing waits in a buffer.
    CHECK(static_cast<std::int64_t>(std::filesystem::file_size(path)) == r->bytes_written());
    const std::string copy = dir.file("copy.webm");
    std::filesystem::copy_file(path, copy);

    const auto p = probe(copy);
    INFO(p.error);
    REQUIRE(p.ok);
    CHECK(p.codec == "vp8");
    CHECK(p.width == 640);
    const auto d = decode(copy);
    REQUIRE(d.ok);
    REQUIRE(d.frames.size() == 17);
    CHECK(near(d.mean(0), kRed.r, kRed.g, kRed.b));
    CHECK(near(d.mean(9), kRed.r, kRed.g, kRed.b));
    CHECK(near(d.mean(16), kGreen.r, kGreen.g, kGreen.b));

    // The recording goes on and finishes whole.
    for (int i = 17; i < 30; ++i) REQUIRE(r->add(solid(640, 360, kBlue.r, kBlue.g, kBlue.b), i));
    REQUIRE(r->finish());
    CHECK(decode(path).frames.size() == 30);
    CHECK(probe(path).duration_s == Approx(3.0).margin(0.2));
}

TEST_CASE("the file on disk grows a whole frame at a time and bytes_written says its size") {
    TempDir dir;
    const std::string path = dir.file("grow.webm");
    auto r = open_or_fail(path, VideoSpec{320, 180, 10, 0, 8});
    std::int64_t before = r->bytes_written();
    CHECK(before > 0);  // the header
    for (int i = 0; i < 12; ++i) {
        REQUIRE(r->add(rtc::test::moving(320, 180, i), i));
        CHECK(r->bytes_written() > before);
        CHECK(static_cast<std::int64_t>(std::filesystem::file_size(path)) == r->bytes_written());
        before = r->bytes_written();
    }
    REQUIRE(r->finish());
    CHECK(static_cast<std::int64_t>(std::filesystem::file_size(path)) == r->bytes_written());
}

TEST_CASE("input of another size is scaled to the requested size") {
    TempDir dir;
    const std::string path = dir.file("scaled.webm");
    auto r = open_or_fail(path, VideoSpec{640, 360, 10, 0, 8});
    // Larger, smaller, odd and of another shape: each fills the whole frame, top half red, bottom half blue.
    const std::pair<int, int> sizes[] = {{1280, 720}, {320, 180}, {333, 77}, {500, 500}};
    int index = 0;
    for (const auto& [w, h] : sizes) {
        Picture p = solid(w, h, kBlue.r, kBlue.g, kBlue.b);
        for (int y = 0; y < h / 2; ++y)
            for (int x = 0; x < w; ++x) {
                std::uint8_t* px = &p.rgba[(static_cast<std::size_t>(y) * w + x) * 4];
                px[0] = kRed.r, px[1] = kRed.g, px[2] = kRed.b;
            }
        REQUIRE(r->add(p, index++));
    }
    REQUIRE(r->finish());
    const auto d = decode(path);
    REQUIRE(d.ok);
    CHECK(d.width == 640);
    CHECK(d.height == 360);
    REQUIRE(d.frames.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("input " << sizes[i].first << "x" << sizes[i].second);
        CHECK(near(d.mean(i, 0, 10, 640, 170), kRed.r, kRed.g, kRed.b));
        CHECK(near(d.mean(i, 0, 190, 640, 350), kBlue.r, kBlue.g, kBlue.b));
    }
}

TEST_CASE("an odd width and height record at exactly that size") {
    TempDir dir;
    const std::string path = dir.file("odd.webm");
    auto r = open_or_fail(path, VideoSpec{651, 367, 10, 0, 8});
    for (int i = 0; i < 10; ++i) REQUIRE(r->add(solid(651, 367, kGreen.r, kGreen.g, kGreen.b), i));
    REQUIRE(r->finish());
    const auto d = decode(path);
    REQUIRE(d.ok);
    CHECK(d.width == 651);
    CHECK(d.height == 367);
    REQUIRE(d.frames.size() == 10);
    CHECK(near(d.mean(9), kGreen.r, kGreen.g, kGreen.b));
}

TEST_CASE("skipped frame numbers keep the previous picture on screen for their time") {
    TempDir dir;
    const std::string path = dir.file("gap.webm");
    auto r = open_or_fail(path, VideoSpec{640, 360, 10, 0, 8});
    for (int i = 0; i < 10; ++i) REQUIRE(r->add(solid(640, 360, kRed.r, kRed.g, kRed.b), i));
    for (int i = 20; i < 30; ++i) REQUIRE(r->add(solid(640, 360, kBlue.r, kBlue.g, kBlue.b), i));
    REQUIRE(r->finish());
    CHECK(r->frames_encoded() == 20);
    CHECK(probe(path).duration_s == Approx(3.0).margin(0.2));
    const auto d = decode(path, 10);  // at a constant 10 fps, as a player shows it
    REQUIRE(d.ok);
    REQUIRE(d.frames.size() == 30);
    CHECK(near(d.mean(15), kRed.r, kRed.g, kRed.b));  // the gap shows the last red frame
    CHECK(near(d.mean(20), kBlue.r, kBlue.g, kBlue.b));
}

TEST_CASE("a recorder dropped without finish() still leaves a finished file") {
    TempDir dir;
    const std::string path = dir.file("dropped.webm");
    {
        auto r = open_or_fail(path, VideoSpec{320, 180, 10, 0, 8});
        for (int i = 0; i < 20; ++i) REQUIRE(r->add(solid(320, 180, 200, 200, 200), i));
    }
    CHECK(probe(path).duration_s == Approx(2.0).margin(0.2));
    CHECK(decode(path).frames.size() == 20);
}
