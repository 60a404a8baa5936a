// The state engine's contract for Webcast tasks' timers (core/state/webcast_tasks.h, core/state/due.h):
// arming and moving, next_due, claim_due (due only, earliest first, at most max, each once), acknowledge
// after a claim, no timer left to an ended task, clear / drop_timers, and the wakeup told of an earlier
// timer. Every engine of test::engine_names() is held to it; time is plain TimeMs values, nothing sleeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "state_contract_support.h"
#include "support/engines.h"

using namespace rtc;

using namespace rtc::test::contract;

namespace {

// Creates a task whose init arms `timers`.
void create_with(WebcastTasks& tasks, const std::string& id,
                 const std::vector<std::pair<WebcastTimer, TimeMs>>& timers, bool restart_ended = false) {
    REQUIRE(tasks.create(
                new_task(id), restart_ended,
                [&](TaskTxn& txn) {
                    for (const auto& [kind, when] : timers) txn.arm(kind, when);
                },
                [](const WebcastTask&) {}) == WebcastTasks::Created::Created);
}

// What acknowledge answers in a transition of its own; nullopt when the transition does not apply.
std::optional<bool> acknowledged(WebcastTasks& tasks, const TaskKey& key, WebcastTimer timer,
                                 std::uint64_t generation = 0) {
    bool ack = false;
    if (!step(
            tasks, key, [&](TaskTxn& txn) { ack = txn.acknowledge(timer); }, generation))
        return std::nullopt;
    return ack;
}

using Due = std::tuple<TimeMs, std::string, int>;  // when, task id, timer kind

}  // namespace

TEST_CASE("WebcastTasks: next_due is the earliest timer armed on any task", "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    REQUIRE_FALSE(tasks.next_due());
    REQUIRE(tasks.pending_timers() == 0);

    create_with(tasks, "a", {{WebcastTimer::MaxRunningTime, 90000}, {WebcastTimer::StartTimeout, 30000}});
    REQUIRE(tasks.next_due() == TimeMs{30000});
    create_with(tasks, "b", {{WebcastTimer::FreezeCheck, 50000}});
    REQUIRE(tasks.next_due() == TimeMs{30000});
    create_with(tasks, "c", {{WebcastTimer::Timeline, 12000}});
    REQUIRE(tasks.next_due() == TimeMs{12000});
    REQUIRE(tasks.pending_timers() == 4);

    REQUIRE(step(tasks, key_of("c"), [](TaskTxn& txn) { txn.cancel(WebcastTimer::Timeline); }));
    REQUIRE(tasks.next_due() == TimeMs{30000});
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { txn.cancel(WebcastTimer::StartTimeout); }));
    REQUIRE(tasks.next_due() == TimeMs{50000});
    REQUIRE(tasks.pending_timers() == 2);
    // Cancelling a timer that is not set changes nothing.
    REQUIRE(step(tasks, key_of("b"), [](TaskTxn& txn) { txn.cancel(WebcastTimer::CrashCheck); }));
    REQUIRE(tasks.pending_timers() == 2);
}

TEST_CASE("WebcastTasks: a task has one timer of each kind; arming it again moves it",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    create_with(tasks, "a", {{WebcastTimer::BlankCheck, 20000}, {WebcastTimer::BlankCheck, 40000}});
    REQUIRE(tasks.pending_timers() == 1);
    REQUIRE(tasks.next_due() == TimeMs{40000});
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { txn.arm(WebcastTimer::BlankCheck, 15000); }));
    REQUIRE(tasks.pending_timers() == 1);
    REQUIRE(tasks.next_due() == TimeMs{15000});
    REQUIRE(tasks.claim_due(14999, 10).empty());
    auto due = tasks.claim_due(40000, 10);
    REQUIRE(due.size() == 1);
    REQUIRE(due[0].when == 15000);
    REQUIRE(due[0].timer == WebcastTimer::BlankCheck);
    REQUIRE(tasks.claim_due(40000, 10).empty());
}

TEST_CASE(
    "WebcastTasks: claim_due returns only the timers due at now, earliest first, at most max, each once",
    "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    std::mt19937 rng(20240607);
    std::uniform_int_distribution<TimeMs> when(1000, 60000);
    std::vector<Due> armed;
    constexpr int kTasks = 200;
    for (int i = 0; i < kTasks; ++i) {
        const std::string id = "t" + std::to_string(i);
        std::vector<std::pair<WebcastTimer, TimeMs>> timers;
        for (int kind = 0; kind <= static_cast<int>(WebcastTimer::Timeline); ++kind) {
            if (rng() % 3 != 0) continue;
            timers.emplace_back(static_cast<WebcastTimer>(kind), when(rng));
            armed.emplace_back(timers.back().second, id, kind);
        }
        create_with(tasks, id, timers);
    }
    REQUIRE(tasks.pending_timers() == armed.size());
    std::sort(armed.begin(), armed.end());
    REQUIRE(tasks.next_due() == std::get<0>(armed.front()));

    const TimeMs now = 30000;
    std::vector<Due> expected;
    for (const auto& d : armed)
        if (std::get<0>(d) <= now) expected.push_back(d);
    REQUIRE(expected.size() > 20);

    REQUIRE(tasks.claim_due(now, 0).empty());
    std::vector<DueTimer> claimed;
    for (;;) {
        auto batch = tasks.claim_due(now, 7);
        REQUIRE(batch.size() <= 7);
        if (batch.empty()) break;
        claimed.insert(claimed.end(), batch.begin(), batch.end());
    }
    REQUIRE(claimed.size() == expected.size());
    bool earliest_first = true, right_generation = true;
    for (std::size_t i = 1; i < claimed.size(); ++i)
        earliest_first = earliest_first && claimed[i - 1].when <= claimed[i].when;
    for (const auto& d : claimed) right_generation = right_generation && d.generation == 1;
    REQUIRE(earliest_first);
    REQUIRE(right_generation);
    std::vector<Due> got;
    for (const auto& d : claimed) {
        REQUIRE(d.key.app_id == kApp);
        got.emplace_back(d.when, d.key.task_id, static_cast<int>(d.timer));
    }
    std::sort(got.begin(), got.end());
    REQUIRE(got == expected);

    REQUIRE(tasks.claim_due(now, 100).empty());
    REQUIRE(tasks.pending_timers() == armed.size() - expected.size());
    REQUIRE(tasks.next_due() == std::get<0>(armed[expected.size()]));
    auto rest = tasks.claim_due(60000, 100000);
    REQUIRE(rest.size() == armed.size() - expected.size());
    REQUIRE(tasks.pending_timers() == 0);
    REQUIRE_FALSE(tasks.next_due());
}

TEST_CASE("WebcastTasks: claim_due returns at most max timers, even of one task, the rest at the next claim",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    create_with(tasks, "a",
                {{WebcastTimer::FreezeCheck, 3000},
                 {WebcastTimer::BlankCheck, 1000},
                 {WebcastTimer::CrashCheck, 2000},
                 {WebcastTimer::Timeline, 2000},
                 {WebcastTimer::MaxRunningTime, 90000}});
    auto first = tasks.claim_due(5000, 1);
    REQUIRE(first.size() == 1);
    REQUIRE(first[0].timer == WebcastTimer::BlankCheck);
    REQUIRE(first[0].when == 1000);
    auto next = tasks.claim_due(5000, 2);
    REQUIRE(next.size() == 2);
    REQUIRE(next[0].when == 2000);
    REQUIRE(next[1].when == 2000);
    auto last = tasks.claim_due(5000, 10);
    REQUIRE(last.size() == 1);
    REQUIRE(last[0].timer == WebcastTimer::FreezeCheck);
    REQUIRE(tasks.claim_due(5000, 10).empty());
    REQUIRE(tasks.pending_timers() == 1);
}

TEST_CASE("WebcastTasks: a claimed timer untouched since is acknowledged, by one transition only",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    create_with(tasks, "a", {{WebcastTimer::FreezeCheck, 5000}, {WebcastTimer::MaxRunningTime, 50000}});

    auto due = tasks.claim_due(5000, 10);
    REQUIRE(due.size() == 1);
    REQUIRE(due[0].key == key_of("a"));
    REQUIRE(due[0].timer == WebcastTimer::FreezeCheck);
    // A transition changing something else leaves the claim standing.
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { ++txn.task().page.freeze_hits; }));
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::MaxRunningTime) == false);
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::FreezeCheck, due[0].generation) == true);
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::FreezeCheck) == false);

    // Armed again and claimed again: a new claim.
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { txn.arm(WebcastTimer::FreezeCheck, 10000); }));
    REQUIRE(tasks.claim_due(10000, 10).size() == 1);
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::FreezeCheck) == true);
}

TEST_CASE("WebcastTasks: a claimed timer moved or cancelled since is not acknowledged",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    create_with(tasks, "moved", {{WebcastTimer::StartTimeout, 3000}});
    create_with(tasks, "cancelled", {{WebcastTimer::StartTimeout, 3000}});
    create_with(tasks, "rearmed-in-step", {{WebcastTimer::StartTimeout, 3000}});
    REQUIRE(tasks.claim_due(3000, 10).size() == 3);
    REQUIRE(tasks.pending_timers() == 0);

    REQUIRE(step(tasks, key_of("moved"), [](TaskTxn& txn) { txn.arm(WebcastTimer::StartTimeout, 8000); }));
    REQUIRE(step(tasks, key_of("cancelled"), [](TaskTxn& txn) { txn.cancel(WebcastTimer::StartTimeout); }));
    REQUIRE(acknowledged(tasks, key_of("moved"), WebcastTimer::StartTimeout) == false);
    REQUIRE(acknowledged(tasks, key_of("cancelled"), WebcastTimer::StartTimeout) == false);
    bool ack = true;
    REQUIRE(step(tasks, key_of("rearmed-in-step"), [&](TaskTxn& txn) {
        txn.arm(WebcastTimer::StartTimeout, 8000);
        ack = txn.acknowledge(WebcastTimer::StartTimeout);
    }));
    REQUIRE_FALSE(ack);

    // The moved timers stand and fall due at their new instant; the cancelled one is gone.
    REQUIRE(tasks.pending_timers() == 2);
    REQUIRE(tasks.next_due() == TimeMs{8000});
    auto due = tasks.claim_due(8000, 10);
    REQUIRE(due.size() == 2);
    REQUIRE(acknowledged(tasks, key_of("moved"), WebcastTimer::StartTimeout) == true);
    REQUIRE(acknowledged(tasks, key_of("rearmed-in-step"), WebcastTimer::StartTimeout) == true);
    REQUIRE(acknowledged(tasks, key_of("cancelled"), WebcastTimer::StartTimeout) == false);
}

TEST_CASE("WebcastTasks: a timer never claimed is not acknowledged", "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    create_with(tasks, "a", {{WebcastTimer::CrashCheck, 4000}});
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::CrashCheck) == false);  // armed, not due
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::FirstFrame) == false);  // never armed
    // Asking did not spend or move the timer.
    REQUIRE(tasks.pending_timers() == 1);
    REQUIRE(tasks.claim_due(4000, 10).size() == 1);
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::FirstFrame) == false);
    REQUIRE(acknowledged(tasks, key_of("a"), WebcastTimer::CrashCheck) == true);
}

TEST_CASE("WebcastTasks: an ended task has no timer left, and its claims do not reach the next generation",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    create_with(tasks, "ends",
                {{WebcastTimer::MaxRunningTime, 90000},
                 {WebcastTimer::FreezeCheck, 2000},
                 {WebcastTimer::Timeline, 7000}});
    create_with(tasks, "stays", {{WebcastTimer::BlankCheck, 8000}});
    REQUIRE(tasks.pending_timers() == 4);

    auto claimed = tasks.claim_due(2000, 10);  // the FreezeCheck of "ends", claimed and not yet run
    REQUIRE(claimed.size() == 1);
    REQUIRE(end_task(tasks, key_of("ends")));
    REQUIRE(tasks.pending_timers() == 1);
    REQUIRE(tasks.next_due() == TimeMs{8000});
    auto later = tasks.claim_due(1000000, 100);
    REQUIRE(later.size() == 1);
    REQUIRE(later[0].key == key_of("stays"));

    // Started again: the claim made for generation 1 neither applies nor is acknowledged.
    create_with(tasks, "ends", {{WebcastTimer::FreezeCheck, 2000}}, true);
    REQUIRE(tasks.get(key_of("ends"))->generation == 2);
    REQUIRE_FALSE(
        acknowledged(tasks, key_of("ends"), WebcastTimer::FreezeCheck, claimed[0].generation).has_value());
    REQUIRE(acknowledged(tasks, key_of("ends"), WebcastTimer::FreezeCheck) == false);
    REQUIRE(tasks.pending_timers() == 1);
}

TEST_CASE("WebcastTasks: clear forgets every task and timer", "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    for (int i = 0; i < 30; ++i)
        create_with(tasks, "t" + std::to_string(i), {{WebcastTimer::MaxRunningTime, 1000 + i}});
    REQUIRE(end_task(tasks, key_of("t0")));
    tasks.clear();
    REQUIRE(tasks.counts().stored == 0);
    REQUIRE(tasks.counts().running == 0);
    REQUIRE_FALSE(tasks.get(key_of("t0")));
    REQUIRE_FALSE(tasks.get(key_of("t5")));
    REQUIRE(tasks.pending_timers() == 0);
    REQUIRE_FALSE(tasks.next_due());
    REQUIRE(tasks.claim_due(1000000, 100).empty());
    int visited = 0;
    tasks.for_each([&](const WebcastTask&) { ++visited; });
    REQUIRE(visited == 0);
    // The keys are free again.
    create_with(tasks, "t5", {});
    REQUIRE(tasks.get(key_of("t5"))->generation == 1);
}

TEST_CASE("WebcastTasks: drop_timers stops every timer and keeps every task", "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    for (int i = 0; i < 30; ++i)
        create_with(tasks, "t" + std::to_string(i),
                    {{WebcastTimer::MaxRunningTime, 5000 + i}, {WebcastTimer::StartTimeout, 1000 + i}});
    REQUIRE(tasks.pending_timers() == 60);
    tasks.drop_timers();
    REQUIRE(tasks.pending_timers() == 0);
    REQUIRE_FALSE(tasks.next_due());
    REQUIRE(tasks.claim_due(1000000, 100).empty());
    REQUIRE(tasks.counts().stored == 30);
    REQUIRE(tasks.counts().running == 30);
    REQUIRE(tasks.get(key_of("t7"))->running());
}

TEST_CASE("WebcastTasks: arming a timer earlier than any pending one tells the wakeup",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    RecordingWakeup wakeup;  // outlives the engine
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    tasks.set_wakeup(&wakeup);

    create_with(tasks, "a", {{WebcastTimer::MaxRunningTime, 50000}});  // the first timer of all
    REQUIRE(wakeup.told(50000));
    create_with(tasks, "b", {{WebcastTimer::StartTimeout, 20000}});
    REQUIRE(wakeup.told(20000));
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { txn.arm(WebcastTimer::FreezeCheck, 9000); }));
    REQUIRE(wakeup.told(9000));
    REQUIRE(
        step(tasks, key_of("b"), [](TaskTxn& txn) { txn.arm(WebcastTimer::StartTimeout, 4000); }));  // moved
    REQUIRE(wakeup.told(4000));

    // Nothing pending any more: the next timer armed is the earliest.
    REQUIRE(tasks.claim_due(100000, 100).size() == 3);
    REQUIRE_FALSE(tasks.next_due());
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { txn.arm(WebcastTimer::Timeline, 70000); }));
    REQUIRE(wakeup.told(70000));

    tasks.set_wakeup(nullptr);
    const std::size_t calls = wakeup.size();
    REQUIRE(step(tasks, key_of("a"), [](TaskTxn& txn) { txn.arm(WebcastTimer::CrashCheck, 100); }));
    REQUIRE(wakeup.size() == calls);
    REQUIRE(tasks.next_due() == TimeMs{100});
}

TEST_CASE("WebcastTasks: timers lists a running task's armed timers by kind, and none once it ended",
          "[state][webcast][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    create_with(tasks, "a", {{WebcastTimer::MaxRunningTime, 90000}, {WebcastTimer::FreezeCheck, 6000}});
    auto armed = tasks.timers(key_of("a"));
    std::sort(armed.begin(), armed.end(), [](const auto& x, const auto& y) { return x.when < y.when; });
    REQUIRE(armed.size() == 2);
    REQUIRE(armed[0].timer == WebcastTimer::FreezeCheck);
    REQUIRE(armed[0].when == 6000);
    REQUIRE(armed[1].timer == WebcastTimer::MaxRunningTime);
    REQUIRE(armed[1].when == 90000);
    REQUIRE(tasks.timers(key_of("unknown")).empty());
    REQUIRE(end_task(tasks, key_of("a")));
    REQUIRE(tasks.timers(key_of("a")).empty());
}
