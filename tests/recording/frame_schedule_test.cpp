// FrameSchedule on virtual time: which picture each frame shows, and what is dropped when the encoder
// cannot keep up. No encoding here.
#include <catch2/catch.hpp>
#include <limits>

#include "recording/frame_schedule.h"

using rtc::recording::FrameSchedule;
using rtc::recording::Picture;
using rtc::recording::ScheduledFrame;

namespace {

// A 1x1 picture whose red channel names it.
std::shared_ptr<const Picture> named(int id) {
    return std::make_shared<const Picture>(Picture{1, 1, {static_cast<std::uint8_t>(id), 0, 0, 255}});
}

int name_of(const ScheduledFrame& f) {
    return f.picture ? f.picture->rgba[0] : -1;
}

// The pictures of every frame handed out while the clock moves from `from` to `to` in `step` ms ticks, with
// an encoder that takes everything due.
std::vector<int> run(FrameSchedule& s, rtc::TimeMs from, rtc::TimeMs to, rtc::TimeMs step) {
    std::vector<int> names;
    for (rtc::TimeMs t = from; t <= to; t += step)
        for (const auto& f : s.take_due(t, 1000)) names.push_back(name_of(f));
    return names;
}

}  // namespace

TEST_CASE("frames are due one interval apart from the start, in whole milliseconds") {
    FrameSchedule at10(5000, 10);
    CHECK(at10.due_at(0) == 5000);
    CHECK(at10.due_at(1) == 5100);
    CHECK(at10.due_at(25) == 7500);
    FrameSchedule at30(0, 30);
    CHECK(at30.due_at(1) == 33);
    CHECK(at30.due_at(2) == 66);
    CHECK(at30.due_at(3) == 100);
    CHECK(at30.last_due(-1) == -1);
    CHECK(at30.last_due(0) == 0);
    CHECK(at30.last_due(32) == 0);
    CHECK(at30.last_due(33) == 1);
    CHECK(at30.last_due(99) == 2);
    CHECK(at30.last_due(100) == 3);
}

TEST_CASE("each frame shows the latest picture the page showed by the frame's time") {
    FrameSchedule s(1000, 10);
    s.show(1000, named(1));
    s.show(1250, named(2));  // between frames 2 (1200) and 3 (1300)
    s.show(1300, named(3));  // exactly at frame 3
    s.show(1310, named(4));
    s.show(1390, named(5));  // 4 and 5 both before frame 4 (1400): only 5 is ever seen
    CHECK(run(s, 1000, 1600, 10) == std::vector<int>{1, 1, 1, 3, 5, 5, 5});
    CHECK(s.handed_out() == 7);
    CHECK(s.dropped() == 0);
}

TEST_CASE("the last picture repeats while the page does not change") {
    FrameSchedule s(0, 15);
    s.show(0, named(7));
    const auto names = run(s, 0, 2000, 5);
    CHECK(names.size() == 31);  // frames 0..30, the last due at 2000
    CHECK(names == std::vector<int>(31, 7));
}

TEST_CASE("frames the encoder cannot take are dropped, the latest are handed out") {
    FrameSchedule s(0, 10);
    s.show(0, named(1));
    s.show(450, named(2));
    // The clock jumps by a second at once: frames 0..10 are due, the encoder takes two.
    auto frames = s.take_due(1000, 2);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].index == 9);
    CHECK(frames[1].index == 10);
    CHECK(name_of(frames[0]) == 2);
    CHECK(s.dropped() == 9);
    CHECK(s.next_index() == 11);
    // Nothing already dropped comes back.
    CHECK(s.take_due(1000, 5).empty());
}

TEST_CASE("an encoder that takes any number of frames is handed every due frame") {
    FrameSchedule s(0, 10);
    s.show(0, named(1));
    CHECK(s.take_due(950, std::numeric_limits<std::size_t>::max()).size() == 10);
    CHECK(s.dropped() == 0);
}

TEST_CASE(
    "a busy encoder drops every frame that falls due meanwhile, and the schedule does not fall behind") {
    FrameSchedule s(0, 10);
    s.show(0, named(1));
    CHECK(s.take_due(0, 1).size() == 1);
    CHECK(s.take_due(100, 0).empty());  // busy
    CHECK(s.take_due(200, 0).empty());  // still busy
    auto next = s.take_due(300, 1);
    REQUIRE(next.size() == 1);
    CHECK(next[0].index == 3);
    CHECK(s.dropped() == 2);
    CHECK(s.handed_out() == 2);
}

TEST_CASE("frames due before the page's first picture are dropped, not shown blank") {
    FrameSchedule s(0, 10);
    s.show(250, named(4));
    const auto frames = s.take_due(400, 10);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].index == 3);
    CHECK(name_of(frames[1]) == 4);
    CHECK(s.dropped() == 3);
}

TEST_CASE(
    "a picture reported with an earlier time than the previous one counts from the previous one's time") {
    FrameSchedule s(0, 10);
    s.show(0, named(1));
    s.show(500, named(2));
    s.show(200, named(3));  // late report: taken as shown at 500, replacing 2
    CHECK(run(s, 0, 600, 100) == std::vector<int>{1, 1, 1, 1, 1, 3, 3});
}

TEST_CASE(
    "take_before stops before the end time, so a recording from start to end holds duration x rate frames") {
    FrameSchedule s(0, 10);
    s.show(0, named(1));
    CHECK(s.take_before(3000, 100).size() == 30);
    CHECK(s.next_index() == 30);
}

TEST_CASE("a page that changes every millisecond keeps at most a picture per pending frame") {
    FrameSchedule s(0, 10);
    for (rtc::TimeMs t = 0; t < 1000; ++t) s.show(t, named(static_cast<int>(t % 200)));
    // Frames 0..9 are pending: one picture each, plus the one on show after frame 9.
    CHECK(s.pictures_held() <= 11);
    const auto frames = s.take_due(999, 100);
    REQUIRE(frames.size() == 10);
    for (const auto& f : frames) CHECK(name_of(f) == static_cast<int>(s.due_at(f.index) % 200));
    CHECK(s.pictures_held() == 1);
}
