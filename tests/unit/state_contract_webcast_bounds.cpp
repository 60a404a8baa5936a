// The state engine's contract for Webcast tasks (core/state/webcast_tasks.h), under load and at its bound:
// transitions of one task racing from several threads (stored one by one, committed in order, one end), and
// the bound on ended tasks (Tasks.MaxEndedTasks). Every engine of test::engine_names() is held to it; time is
// plain TimeMs values, nothing sleeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "state_contract_support.h"
#include "support/engines.h"

using namespace rtc;

using namespace rtc::test::contract;
TEST_CASE(
    "WebcastTasks: concurrent transitions of one task are stored one by one and committed in that order",
    "[state][webcast][race]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    const TaskKey key = key_of("shared");
    REQUIRE(create(tasks, new_task("shared")) == WebcastTasks::Created::Created);
    const std::uint64_t v0 = version_of(tasks, key);

    constexpr int kThreads = 4, kEach = 250, kTotal = kThreads * kEach;
    std::mutex mu;
    std::vector<int> counters;  // what each commit saw, in the order commits ran
    std::vector<std::uint64_t> versions;
    std::atomic<int> refused{0}, ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&] {
            ++ready;
            while (ready.load() < kThreads) std::this_thread::yield();
            for (int n = 0; n < kEach; ++n) {
                const bool ok = tasks.transition(
                    key, 1, 1, [](TaskTxn& txn) { ++txn.task().page.refreshes; },
                    [&](const WebcastTask& stored) {
                        std::lock_guard<std::mutex> lock(mu);
                        counters.push_back(stored.page.refreshes);
                        versions.push_back(stored.version);
                    });
                if (!ok) ++refused;
            }
        });
    for (auto& t : threads) t.join();

    REQUIRE(refused == 0);
    REQUIRE(tasks.get(key)->page.refreshes == kTotal);
    REQUIRE(tasks.get(key)->version >= v0 + kTotal);
    REQUIRE(counters.size() == static_cast<std::size_t>(kTotal));
    bool in_order = true;
    for (int i = 0; i < kTotal; ++i) in_order = in_order && counters[static_cast<std::size_t>(i)] == i + 1;
    REQUIRE(in_order);
    bool versions_rise = true;
    for (std::size_t i = 1; i < versions.size(); ++i)
        versions_rise = versions_rise && versions[i] > versions[i - 1];
    REQUIRE(versions_rise);
}

TEST_CASE("WebcastTasks: of many transitions racing to end the same task exactly one finds it running",
          "[state][webcast][race]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    constexpr int kTasks = 300, kThreads = 4;
    for (int i = 0; i < kTasks; ++i) {
        REQUIRE(tasks.create(
                    new_task("r" + std::to_string(i)), false,
                    [](TaskTxn& txn) { txn.arm(WebcastTimer::MaxRunningTime, 100000); },
                    [](const WebcastTask&) {}) == WebcastTasks::Created::Created);
    }
    REQUIRE(tasks.pending_timers() == static_cast<std::size_t>(kTasks));
    std::vector<std::atomic<int>> ends(kTasks), commits(kTasks);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int th = 0; th < kThreads; ++th)
        threads.emplace_back([&, th] {
            ++ready;
            while (ready.load() < kThreads) std::this_thread::yield();
            for (int i = 0; i < kTasks; ++i) {
                const bool ok = tasks.transition(
                    key_of("r" + std::to_string(i)), 0, 0,
                    [th](TaskTxn& txn) {
                        txn.task().status = TaskStatus::Ended;
                        txn.task().stop_reason = "by-" + std::to_string(th);
                    },
                    [&, i](const WebcastTask& stored) {
                        if (!stored.running()) ++commits[static_cast<std::size_t>(i)];
                    });
                if (ok) ++ends[static_cast<std::size_t>(i)];
            }
        });
    for (auto& t : threads) t.join();

    int wrong = 0;
    for (int i = 0; i < kTasks; ++i)
        if (ends[static_cast<std::size_t>(i)] != 1 || commits[static_cast<std::size_t>(i)] != 1) ++wrong;
    REQUIRE(wrong == 0);
    REQUIRE(tasks.counts().running == 0);
    REQUIRE(tasks.counts().stored == static_cast<std::size_t>(kTasks));
    REQUIRE(tasks.pending_timers() == 0);
}

TEST_CASE("WebcastTasks: past max_ended_tasks the oldest ended tasks are forgotten, never a running one",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    state::EngineSettings settings;
    settings.max_ended_tasks = 3;
    auto e = test::make_engine(engine, settings);
    auto& tasks = e->webcast_tasks();

    REQUIRE(create(tasks, new_task("running")) == WebcastTasks::Created::Created);  // the oldest of all
    for (int i = 1; i <= 5; ++i) {
        REQUIRE(create(tasks, new_task("e" + std::to_string(i))) == WebcastTasks::Created::Created);
        REQUIRE(end_task(tasks, key_of("e" + std::to_string(i)), 2000 + i));
    }
    REQUIRE_FALSE(tasks.get(key_of("e1")));
    REQUIRE_FALSE(tasks.get(key_of("e2")));
    REQUIRE(tasks.get(key_of("e3")));
    REQUIRE(tasks.get(key_of("e4")));
    REQUIRE(tasks.get(key_of("e5")));
    REQUIRE(tasks.get(key_of("running")));
    REQUIRE(tasks.counts().stored == 4);
    REQUIRE(tasks.counts().running == 1);

    // Forgotten, a key is free: a new task under it is generation 1.
    REQUIRE(create(tasks, new_task("e1")) == WebcastTasks::Created::Created);
    REQUIRE(tasks.get(key_of("e1"))->generation == 1);

    REQUIRE(end_task(tasks, key_of("running")));
    REQUIRE_FALSE(tasks.get(key_of("e3")));
    REQUIRE(tasks.get(key_of("running")));
    REQUIRE(tasks.get(key_of("e1")));
    REQUIRE(tasks.counts().stored == 4);
}

TEST_CASE("WebcastTasks: a key restarted since it ended outlives its old end; it goes with its newer one",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    state::EngineSettings settings;
    settings.max_ended_tasks = 2;
    auto e = test::make_engine(engine, settings);
    auto& tasks = e->webcast_tasks();
    const TaskKey a = key_of("a");
    auto end_new = [&](const std::string& id) {
        REQUIRE(create(tasks, new_task(id)) == WebcastTasks::Created::Created);
        REQUIRE(end_task(tasks, key_of(id)));
    };

    REQUIRE(create(tasks, new_task("a")) == WebcastTasks::Created::Created);
    REQUIRE(end_task(tasks, a));
    REQUIRE(create(tasks, new_task("a", 3000), true) == WebcastTasks::Created::Created);
    end_new("b");
    end_new("c");
    end_new("d");  // a's first end is long past the bound
    REQUIRE(tasks.get(a));
    REQUIRE(tasks.get(a)->generation == 2);
    REQUIRE(tasks.get(a)->running());
    REQUIRE_FALSE(tasks.get(key_of("b")));

    REQUIRE(end_task(tasks, a));  // its second end is among the 2 newest
    end_new("e");
    REQUIRE(tasks.get(a));
    REQUIRE(tasks.get(a)->generation == 2);
    end_new("f");
    REQUIRE_FALSE(tasks.get(a));
    REQUIRE(tasks.get(key_of("e")));
    REQUIRE(tasks.get(key_of("f")));

    // Ended, restarted and ended again before its first end falls past the bound: that first end does not
    // take the newer generation with it.
    const TaskKey g = key_of("g");
    REQUIRE(create(tasks, new_task("g")) == WebcastTasks::Created::Created);
    REQUIRE(end_task(tasks, g));
    REQUIRE(create(tasks, new_task("g", 4000), true) == WebcastTasks::Created::Created);
    REQUIRE(end_task(tasks, g));
    end_new("h");  // g's first end goes past the bound; its second is among the 2 newest
    REQUIRE(tasks.get(g));
    REQUIRE(tasks.get(g)->generation == 2);
    end_new("i");
    REQUIRE_FALSE(tasks.get(g));
}

TEST_CASE("WebcastTasks: with max_ended_tasks 0 every ended task is kept", "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    state::EngineSettings settings;
    settings.max_ended_tasks = 0;
    auto e = test::make_engine(engine, settings);
    auto& tasks = e->webcast_tasks();
    for (int i = 0; i < 40; ++i) {
        REQUIRE(create(tasks, new_task("k" + std::to_string(i))) == WebcastTasks::Created::Created);
        REQUIRE(end_task(tasks, key_of("k" + std::to_string(i))));
    }
    REQUIRE(tasks.counts().stored == 40);
    REQUIRE(tasks.get(key_of("k0")));
}
