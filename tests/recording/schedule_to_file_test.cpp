// The schedule and the recorder together on virtual time, as the pages will use them: a page changes
// colour at known times, a loop ticks every 10 ms taking what is due, and the file shows each colour when the
// page showed it.
#include <catch2/catch.hpp>

#include "recording/ffmpeg/webm_recorder.h"
#include "recording/frame_schedule.h"
#include "recording/synthetic_pictures.h"
#include "support/video_probe.h"

using rtc::recording::FrameSchedule;
using rtc::recording::Picture;
using rtc::recording::VideoSpec;
using rtc::recording::WebmRecorder;
using rtc::test::near;

TEST_CASE("a page that changes colour at known times records each colour from the frame due at that time") {
    rtc::test::TempDir dir;
    const std::string path = dir.file("page.webm");
    const VideoSpec spec{640, 360, 10, 0, 8};
    std::string error;
    auto recorder = WebmRecorder::open(path, spec, &error);
    REQUIRE(recorder);

    const rtc::TimeMs t0 = 1'700'000'000'000;  // the mock's clock, any epoch
    FrameSchedule schedule(t0, spec.frame_rate);
    // Red from the start, green from 1.05 s, blue from 2.3 s; the page ends at 3 s. The screenshot arrives
    // a little late each time: what counts is the time the page showed it.
    struct Change {
        rtc::TimeMs at;
        int r, g, b;
    };
    const Change changes[] = {{0, 230, 30, 30}, {1050, 30, 200, 60}, {2300, 40, 50, 220}};
    std::size_t next_change = 0;
    for (rtc::TimeMs t = t0; t < t0 + 3000; t += 10) {
        if (next_change < 3 && t >= t0 + changes[next_change].at + 20) {
            const Change& c = changes[next_change++];
            schedule.show(t0 + c.at,
                          std::make_shared<const Picture>(rtc::test::solid(640, 360, c.r, c.g, c.b)));
        }
        for (const auto& f : schedule.take_due(t - 30, 1)) REQUIRE(recorder->add(*f.picture, f.index));
    }
    for (const auto& f : schedule.take_before(t0 + 3000, 100)) REQUIRE(recorder->add(*f.picture, f.index));
    REQUIRE(recorder->finish());
    CHECK(schedule.dropped() == 0);
    CHECK(recorder->frames_encoded() == 30);

    const auto d = rtc::test::decode(path);
    REQUIRE(d.ok);
    REQUIRE(d.frames.size() == 30);
    for (std::size_t i = 0; i < 30; ++i) {
        const Change& c = i <= 10 ? changes[0] : i < 23 ? changes[1] : changes[2];
        INFO("frame " << i << " at " << i * 100 << " ms is " << rtc::test::describe(d.mean(i)));
        CHECK(near(d.mean(i), c.r, c.g, c.b));
    }
    CHECK(rtc::test::probe(path).duration_s == Approx(3.0).margin(0.2));
}
