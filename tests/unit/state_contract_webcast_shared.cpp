// The state engine's contract where processes share it (StateEngine::shared()): two engines made on one key
// prefix are two replicas of one service. A task created on one is read and ended on the other; a stop on one
// racing an end on the other ends the task once; a timer claimed by a replica that dies goes to another once
// its lease has passed, and runs once. Engines that share nothing (memory) have nothing to show here.
// Time is plain TimeMs values: the lease passes by driving `now`, nothing sleeps.
#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "state_contract_support.h"
#include "support/engines.h"

using namespace rtc;
using namespace rtc::test::contract;

namespace {

// Two replicas on one state; nullptr when `engine` shares nothing between processes.
struct Replicas {
    std::unique_ptr<state::StateEngine> a, b;
};

Replicas replicas_of(const std::string& engine, const state::EngineSettings& settings = {}) {
    const std::string prefix = test::fresh_prefix();
    Replicas r;
    r.a = test::make_engine(engine, settings, prefix);
    if (!r.a->shared()) return Replicas{};
    r.b = test::make_engine(engine, settings, prefix);
    return r;
}

std::optional<bool> acknowledged(WebcastTasks& tasks, const TaskKey& key, WebcastTimer timer) {
    bool ack = false;
    if (!step(tasks, key, [&](TaskTxn& txn) { ack = txn.acknowledge(timer); })) return std::nullopt;
    return ack;
}

}  // namespace

TEST_CASE("Shared state: a task created on one replica is read, changed and ended on another",
          "[state][webcast][shared]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto r = replicas_of(engine);
    if (!r.a) return;  // shares nothing
    auto& a = r.a->webcast_tasks();
    auto& b = r.b->webcast_tasks();

    REQUIRE(create(a, new_task("t1")) == WebcastTasks::Created::Created);
    REQUIRE(b.get(key_of("t1")));
    REQUIRE(b.get(key_of("t1"))->spec.source_url == "https://example.com/t1");
    REQUIRE(create(b, new_task("t1")) == WebcastTasks::Created::AlreadyRunning);
    REQUIRE(change(b, key_of("t1"), [](WebcastTask& t) { t.status = TaskStatus::Running; }));
    REQUIRE(a.get(key_of("t1"))->status == TaskStatus::Running);
    REQUIRE(end_task(b, key_of("t1"), 3000));
    REQUIRE_FALSE(a.get(key_of("t1"))->running());
    REQUIRE(a.get(key_of("t1"))->end_time == 3000);
    REQUIRE_FALSE(end_task(a, key_of("t1")));
    REQUIRE(a.counts().stored == 1);
    REQUIRE(a.counts().running == 0);

    // Whiteboard tasks likewise.
    wbrecord::WbRecordSpec wb;
    wb.app_id = kApp;
    wb.room_id = "room";
    wb.task_id = "w1";
    REQUIRE(r.a->wbrecord_tasks().start(wb, "acc", 1000, false).outcome ==
            state::WbRecordTasks::Started::Created);
    REQUIRE(r.b->wbrecord_tasks().start(wb, "acc", 1000, false).outcome ==
            state::WbRecordTasks::Started::AlreadyRunning);
    REQUIRE(r.b->wbrecord_tasks().stop(key_of("w1"), 2000, "StopByAPI"));
    REQUIRE_FALSE(r.a->wbrecord_tasks().stop(key_of("w1"), 2500, "StopByAPI"));
    REQUIRE(r.a->wbrecord_tasks().get(key_of("w1"))->end_time == 2000);
}

TEST_CASE("Shared state: a stop on one replica racing an end on another ends each task once",
          "[state][webcast][shared][race]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto r = replicas_of(engine);
    if (!r.a) return;
    constexpr int kTasks = 200;
    for (int i = 0; i < kTasks; ++i)
        REQUIRE(r.a->webcast_tasks().create(
                    new_task("r" + std::to_string(i)), false,
                    [](TaskTxn& txn) { txn.arm(WebcastTimer::MaxRunningTime, 100000); },
                    [](const WebcastTask&) {}) == WebcastTasks::Created::Created);

    std::vector<std::atomic<int>> ends(kTasks);
    std::atomic<int> ready{0};
    auto racer = [&](state::StateEngine& engine_of_thread, const char* reason) {
        ++ready;
        while (ready.load() < 2) std::this_thread::yield();
        for (int i = 0; i < kTasks; ++i)
            engine_of_thread.webcast_tasks().transition(
                key_of("r" + std::to_string(i)), 0, 0,
                [&](TaskTxn& txn) {
                    txn.task().status = TaskStatus::Ended;
                    txn.task().stop_reason = reason;
                },
                [&, i](const WebcastTask& stored) {
                    if (!stored.running()) ++ends[static_cast<std::size_t>(i)];
                });
    };
    std::thread stop([&] { racer(*r.a, "StopByAPI"); });
    std::thread end([&] { racer(*r.b, "ExceedMaxRunningTime"); });
    stop.join();
    end.join();

    int wrong = 0;
    for (auto& n : ends) wrong += n.load() != 1;
    REQUIRE(wrong == 0);
    REQUIRE(r.b->webcast_tasks().counts().running == 0);
    REQUIRE(r.b->webcast_tasks().pending_timers() == 0);
}

TEST_CASE("Shared state: a timer claimed by a replica that dies is claimed by another once its lease passed",
          "[state][webcast][shared][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto r = replicas_of(engine);
    if (!r.a) return;
    const TimeMs lease = test::redis_settings("").lease_ms;
    REQUIRE(r.a->webcast_tasks().create(
                new_task("t1"), false, [](TaskTxn& txn) { txn.arm(WebcastTimer::FreezeCheck, 5000); },
                [](const WebcastTask&) {}) == WebcastTasks::Created::Created);
    auto& b = r.b->webcast_tasks();

    REQUIRE(r.a->webcast_tasks().claim_due(5000, 10).size() == 1);
    REQUIRE(b.claim_due(5000, 10).empty());  // A holds it
    r.a.reset();                             // A dies without running it

    // For B the claim falls due when its lease ends.
    REQUIRE(b.next_due() == TimeMs{5000 + lease});
    REQUIRE(b.claim_due(5000 + lease - 1, 10).empty());
    REQUIRE_FALSE(acknowledged(b, key_of("t1"), WebcastTimer::FreezeCheck).value());  // not B's claim yet
    auto taken = b.claim_due(5000 + lease, 10);
    REQUIRE(taken.size() == 1);
    REQUIRE(taken[0].key == key_of("t1"));
    REQUIRE(taken[0].timer == WebcastTimer::FreezeCheck);
    REQUIRE(taken[0].when == 5000);
    REQUIRE(taken[0].generation == 1);
    REQUIRE_FALSE(b.next_due());
    REQUIRE(acknowledged(b, key_of("t1"), WebcastTimer::FreezeCheck) == true);
    REQUIRE(acknowledged(b, key_of("t1"), WebcastTimer::FreezeCheck) == false);
    REQUIRE(b.claim_due(1000000, 10).empty());
    REQUIRE_FALSE(b.next_due());
}

TEST_CASE("Shared state: a timer claimed by a slow replica and taken over by another runs once",
          "[state][webcast][shared][timers]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto r = replicas_of(engine);
    if (!r.a) return;
    const TimeMs lease = test::redis_settings("").lease_ms;
    auto& a = r.a->webcast_tasks();
    auto& b = r.b->webcast_tasks();
    REQUIRE(a.create(
                new_task("t1"), false, [](TaskTxn& txn) { txn.arm(WebcastTimer::CrashCheck, 5000); },
                [](const WebcastTask&) {}) == WebcastTasks::Created::Created);
    REQUIRE(a.claim_due(5000, 10).size() == 1);
    REQUIRE(b.claim_due(5000 + lease, 10).size() == 1);  // A took too long: B takes it over

    // Both hold a claim on the same arming of the timer; the first to acknowledge runs it, whichever it is.
    std::atomic<int> ran{0};
    auto run = [&](WebcastTasks& tasks) {
        tasks.transition(
            key_of("t1"), 1, 0,
            [&](TaskTxn& txn) {
                if (txn.acknowledge(WebcastTimer::CrashCheck)) txn.task().page.refreshes += 1;
            },
            [&](const WebcastTask& stored) { ran = stored.page.refreshes; });
    };
    std::thread ta([&] { run(a); });
    std::thread tb([&] { run(b); });
    ta.join();
    tb.join();
    REQUIRE(a.get(key_of("t1"))->page.refreshes == 1);
    REQUIRE(ran == 1);
    REQUIRE_FALSE(a.next_due());
    REQUIRE_FALSE(b.next_due());
}
