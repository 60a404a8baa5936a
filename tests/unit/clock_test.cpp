#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <vector>

#include "core/clock.h"
#include "core/due_pump.h"

using namespace rtc;

namespace {

// A source of due events for the pump: callbacks at instants, as a task's timers are.
class Timers final : public state::DueSource {
  public:
    using Id = std::multimap<TimeMs, std::function<void()>>::iterator;
    explicit Timers(DuePump& pump) : pump_(pump) { pump.add(*this); }

    Id at(TimeMs when, std::function<void()> fn) {
        auto id = due_.emplace(when, std::move(fn));
        pump_.due_at(when);
        return id;
    }
    Id after(TimeMs delay, std::function<void()> fn) { return at(pump_.now_ms() + delay, std::move(fn)); }
    void cancel(Id id) { due_.erase(id); }

    std::optional<TimeMs> next_due() const override {
        if (due_.empty()) return std::nullopt;
        return due_.begin()->first;
    }
    std::size_t run_due(TimeMs now) override {
        std::size_t ran = 0;
        while (!due_.empty() && due_.begin()->first <= now) {
            auto fn = std::move(due_.begin()->second);
            due_.erase(due_.begin());
            fn();
            ++ran;
        }
        return ran;
    }
    std::size_t pending() const override { return due_.size(); }

  private:
    DuePump& pump_;
    std::multimap<TimeMs, std::function<void()>> due_;
};

}  // namespace

TEST_CASE("the virtual clock moves only when advanced", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(1'700'000'000'000);
    DuePump pump(clock);
    REQUIRE(clock->now_ms() == 1'700'000'000'000);
    pump.advance(1500);
    REQUIRE(clock->now_ms() == 1'700'000'001'500);
}

TEST_CASE("timers fire in order, each at its own instant, as the virtual clock passes them", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(0);
    DuePump pump(clock);
    Timers s(pump);
    std::vector<std::pair<int, TimeMs>> fired;
    s.at(3000, [&] { fired.push_back({3, clock->now_ms()}); });
    s.at(1000, [&] { fired.push_back({1, clock->now_ms()}); });
    s.at(2000, [&] {
        fired.push_back({2, clock->now_ms()});
        // A timer scheduled by a timer, still inside the advanced span, fires in the same advance.
        s.after(500, [&] { fired.push_back({25, clock->now_ms()}); });
    });
    s.at(9000, [&] { fired.push_back({9, clock->now_ms()}); });
    pump.advance(5000);
    REQUIRE(fired == std::vector<std::pair<int, TimeMs>>{{1, 1000}, {2, 2000}, {25, 2500}, {3, 3000}});
    REQUIRE(clock->now_ms() == 5000);
    REQUIRE(pump.pending() == 1);
}

TEST_CASE("at one instant, the pump's sources run in the order they were added", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(0);
    DuePump pump(clock);
    Timers first(pump), second(pump);
    std::vector<int> fired;
    second.at(1000, [&] { fired.push_back(2); });
    first.at(1000, [&] { fired.push_back(1); });
    pump.advance(1000);
    REQUIRE(fired == std::vector<int>{1, 2});
    REQUIRE(pump.pending() == 0);
}

TEST_CASE("a cancelled timer never fires", "[clock]") {
    auto clock = std::make_shared<VirtualClock>(0);
    DuePump pump(clock);
    Timers s(pump);
    int fired = 0;
    auto id = s.after(100, [&] { ++fired; });
    s.cancel(id);
    pump.advance(1000);
    REQUIRE(fired == 0);
    REQUIRE(pump.pending() == 0);
}

TEST_CASE("advancing the real clock adds an offset and fires the timers it passes", "[clock]") {
    auto clock = std::make_shared<RealClock>();
    DuePump pump(clock);
    Timers s(pump);
    const TimeMs before = clock->now_ms();
    int fired = 0;
    s.after(60'000, [&] { ++fired; });
    pump.advance(120'000);
    REQUIRE(clock->now_ms() >= before + 120'000);
    REQUIRE(fired == 1);
}

TEST_CASE("run_due runs what is already due and leaves the rest", "[clock]") {
    auto clock = std::make_shared<RealClock>();
    DuePump pump(clock);
    Timers s(pump);
    int fired = 0;
    s.at(clock->now_ms() - 1, [&] { ++fired; });
    s.after(60'000, [&] { ++fired; });
    pump.run_due();
    REQUIRE(fired == 1);
    REQUIRE(pump.pending() == 1);
}
