#include <catch2/catch.hpp>

#include <vector>

#include "core/clock.h"

using namespace rtc;

TEST_CASE("the virtual clock moves only when advanced", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(1'700'000'000'000);
    Scheduler s(clock);
    REQUIRE(clock->now_ms() == 1'700'000'000'000);
    s.advance(1500);
    REQUIRE(clock->now_ms() == 1'700'000'001'500);
}

TEST_CASE("timers fire in order, each at its own instant, as the virtual clock passes them", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(0);
    Scheduler s(clock);
    std::vector<std::pair<int, TimeMs>> fired;
    s.at(3000, [&] { fired.push_back({3, clock->now_ms()}); });
    s.at(1000, [&] { fired.push_back({1, clock->now_ms()}); });
    s.at(2000, [&] {
        fired.push_back({2, clock->now_ms()});
        // A timer scheduled by a timer, still inside the advanced span, fires in the same advance.
        s.after(500, [&] { fired.push_back({25, clock->now_ms()}); });
    });
    s.at(9000, [&] { fired.push_back({9, clock->now_ms()}); });
    s.advance(5000);
    REQUIRE(fired == std::vector<std::pair<int, TimeMs>>{{1, 1000}, {2, 2000}, {25, 2500}, {3, 3000}});
    REQUIRE(clock->now_ms() == 5000);
    REQUIRE(s.pending() == 1);
}

TEST_CASE("a cancelled timer never fires", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(0);
    Scheduler s(clock);
    int fired = 0;
    auto id = s.after(100, [&] { ++fired; });
    s.cancel(id);
    s.advance(1000);
    REQUIRE(fired == 0);
    REQUIRE(s.pending() == 0);
}

TEST_CASE("advancing the real clock adds an offset and fires the timers it passes", "[clock]") {
    auto clock = std::make_shared<RealClock>();
    Scheduler s(clock);
    const TimeMs before = clock->now_ms();
    int fired = 0;
    s.after(60'000, [&] { ++fired; });
    s.advance(120'000);
    REQUIRE(clock->now_ms() >= before + 120'000);
    REQUIRE(fired == 1);
}
