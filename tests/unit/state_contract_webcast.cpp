// The state engine's contract for Webcast tasks (core/state/webcast_tasks.h): creation and restarts, which
// transitions apply, the version, what commit sees, counts and for_each. Every engine of test::engine_names()
// is held to it; time is plain TimeMs values. Races and the bound on ended tasks are in
// state_contract_webcast_bounds.cpp, the timers in state_contract_webcast_timers.cpp.
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

TEST_CASE("WebcastTasks: create stores a new task as generation 1, running init and then commit once",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    WebcastTask task = new_task("t1");
    task.generation = 42;  // the engine numbers the generation, whatever the caller says
    std::vector<std::string> calls;
    std::vector<WebcastTask> committed;
    auto created = tasks.create(
        task, false,
        [&](TaskTxn& txn) {
            calls.push_back("init");
            txn.task().page.refreshes = 7;
        },
        [&](const WebcastTask& stored) {
            calls.push_back("commit");
            committed.push_back(stored);
        });
    REQUIRE(created == WebcastTasks::Created::Created);
    REQUIRE(calls.size() >= 2);
    REQUIRE(calls.back() == "commit");
    REQUIRE(std::count(calls.begin(), calls.end(), "commit") == 1);
    REQUIRE(calls.front() == "init");
    REQUIRE(committed.size() == 1);
    REQUIRE(committed[0].generation == 1);
    REQUIRE(committed[0].page.refreshes == 7);

    auto stored = tasks.get(key_of("t1"));
    REQUIRE(stored);
    REQUIRE(stored->generation == 1);
    REQUIRE(stored->running());
    REQUIRE(stored->status == TaskStatus::NotStarted);
    REQUIRE(stored->spec.source_url == "https://example.com/t1");
    REQUIRE(stored->account_id == "2100000001");
    REQUIRE(stored->start_time == 1000);
    REQUIRE(stored->page.refreshes == 7);
    REQUIRE(stored->version == committed[0].version);
    REQUIRE_FALSE(tasks.get(key_of("t2")));
    REQUIRE(tasks.counts().stored == 1);
    REQUIRE(tasks.counts().running == 1);
}

TEST_CASE("WebcastTasks: creating a task that is running answers AlreadyRunning and changes nothing",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    REQUIRE(create(tasks, new_task("t1")) == WebcastTasks::Created::Created);
    REQUIRE(change(tasks, key_of("t1"), [](WebcastTask& t) { t.status = TaskStatus::Running; }));
    const WebcastTask before = *tasks.get(key_of("t1"));

    int commits = 0;
    WebcastTask again = new_task("t1", 9000);
    again.spec.source_url = "https://example.com/other";
    auto created = tasks.create(
        again, true, [](TaskTxn& txn) { txn.arm(WebcastTimer::MaxRunningTime, 99000); },
        [&](const WebcastTask&) { ++commits; });
    REQUIRE(created == WebcastTasks::Created::AlreadyRunning);
    REQUIRE(commits == 0);
    auto after = tasks.get(key_of("t1"));
    REQUIRE(after);
    REQUIRE(after->version == before.version);
    REQUIRE(after->generation == 1);
    REQUIRE(after->start_time == 1000);
    REQUIRE(after->status == TaskStatus::Running);
    REQUIRE(after->spec.source_url == "https://example.com/t1");
    REQUIRE(tasks.pending_timers() == 0);
    REQUIRE_FALSE(tasks.next_due());
    REQUIRE(tasks.counts().stored == 1);
}

TEST_CASE("WebcastTasks: an ended task is restarted as the next generation only when restart_ended",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    const TaskKey key = key_of("t1");

    REQUIRE(create(tasks, new_task("t1")) == WebcastTasks::Created::Created);
    REQUIRE(end_task(tasks, key, 2000));
    const WebcastTask ended = *tasks.get(key);
    REQUIRE_FALSE(ended.running());

    int commits = 0;
    auto refused = tasks.create(
        new_task("t1", 5000), false, [](TaskTxn&) {}, [&](const WebcastTask&) { ++commits; });
    REQUIRE(refused == WebcastTasks::Created::EndedNotRestartable);
    REQUIRE(commits == 0);
    REQUIRE(tasks.get(key)->version == ended.version);
    REQUIRE(tasks.get(key)->status == TaskStatus::Ended);
    REQUIRE(tasks.get(key)->generation == 1);

    std::vector<WebcastTask> committed;
    auto restarted = tasks.create(
        new_task("t1", 5000), true, [](TaskTxn&) {},
        [&](const WebcastTask& stored) { committed.push_back(stored); });
    REQUIRE(restarted == WebcastTasks::Created::Created);
    REQUIRE(committed.size() == 1);
    REQUIRE(committed[0].generation == 2);
    auto now = tasks.get(key);
    REQUIRE(now->generation == 2);
    REQUIRE(now->running());
    REQUIRE(now->start_time == 5000);
    REQUIRE(now->end_time == 0);
    REQUIRE(now->stop_reason.empty());
    REQUIRE(now->version > ended.version);
    REQUIRE(tasks.counts().stored == 1);

    REQUIRE(end_task(tasks, key, 6000));
    REQUIRE(create(tasks, new_task("t1", 7000), true) == WebcastTasks::Created::Created);
    REQUIRE(tasks.get(key)->generation == 3);
}

TEST_CASE("WebcastTasks: a transition applies only to a running task of the given generation and instance",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    const TaskKey key = key_of("t1");
    REQUIRE(create(tasks, new_task("t1")) == WebcastTasks::Created::Created);

    int steps_stored = 0;
    auto bump = [&](std::uint64_t generation, std::uint64_t instance) {
        int commits = 0;
        const std::uint64_t before = version_of(tasks, key);
        const int refreshes = tasks.get(key)->page.refreshes;
        const bool applied = tasks.transition(
            key, generation, instance, [](TaskTxn& txn) { ++txn.task().page.refreshes; },
            [&](const WebcastTask&) { ++commits; });
        if (applied) {
            ++steps_stored;
            CHECK(commits == 1);
            CHECK(version_of(tasks, key) > before);
            CHECK(tasks.get(key)->page.refreshes == refreshes + 1);
        } else {
            CHECK(commits == 0);
            CHECK(version_of(tasks, key) == before);
            CHECK(tasks.get(key)->page.refreshes == refreshes);
        }
        return applied;
    };

    REQUIRE(bump(0, 0));
    REQUIRE(bump(1, 0));
    REQUIRE(bump(1, 1));
    REQUIRE(bump(0, 1));
    REQUIRE_FALSE(bump(2, 0));
    REQUIRE_FALSE(bump(0, 2));
    REQUIRE_FALSE(bump(1, 2));

    // A new page instance (a reschedule): reports of the earlier one no longer apply.
    REQUIRE(change(tasks, key, [](WebcastTask& t) { t.instance = 3; }));
    REQUIRE_FALSE(bump(0, 1));
    REQUIRE(bump(0, 3));
    REQUIRE(bump(1, 3));

    REQUIRE_FALSE(change(tasks, key_of("nobody"), [](WebcastTask& t) { ++t.page.refreshes; }));
    REQUIRE_FALSE(tasks.get(key_of("nobody")));

    REQUIRE(end_task(tasks, key));
    REQUIRE_FALSE(bump(0, 0));
    REQUIRE_FALSE(end_task(tasks, key));

    WebcastTask next = new_task("t1", 8000);
    REQUIRE(create(tasks, next, true) == WebcastTasks::Created::Created);
    REQUIRE_FALSE(bump(1, 0));  // the previous generation's timers and reports
    REQUIRE(bump(2, 0));
    REQUIRE(steps_stored == 7);
}

TEST_CASE("WebcastTasks: the version moves on with every stored change and with nothing else",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    const TaskKey key = key_of("t1");

    REQUIRE(create(tasks, new_task("t1")) == WebcastTasks::Created::Created);
    std::uint64_t last = version_of(tasks, key);
    for (int i = 0; i < 5; ++i) {
        REQUIRE(change(tasks, key, [](WebcastTask& t) { ++t.page.freeze_hits; }));
        const std::uint64_t v = version_of(tasks, key);
        REQUIRE(v > last);
        last = v;
    }
    // Reading and refused changes store nothing.
    (void)tasks.get(key);
    tasks.for_each([](const WebcastTask&) {});
    (void)tasks.counts();
    REQUIRE_FALSE(change(
        tasks, key, [](WebcastTask& t) { ++t.page.freeze_hits; }, 9));
    REQUIRE(create(tasks, new_task("t1")) == WebcastTasks::Created::AlreadyRunning);
    REQUIRE(version_of(tasks, key) == last);

    REQUIRE(end_task(tasks, key));
    REQUIRE(version_of(tasks, key) > last);
    last = version_of(tasks, key);
    REQUIRE(create(tasks, new_task("t1"), false) == WebcastTasks::Created::EndedNotRestartable);
    REQUIRE(version_of(tasks, key) == last);
    REQUIRE(create(tasks, new_task("t1"), true) == WebcastTasks::Created::Created);
    REQUIRE(version_of(tasks, key) > last);
}

TEST_CASE("WebcastTasks: commit sees the record as the transition stored it", "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    const TaskKey key = key_of("t1");
    REQUIRE(create(tasks, new_task("t1")) == WebcastTasks::Created::Created);

    std::vector<WebcastTask> seen;
    auto commit = [&](const WebcastTask& stored) { seen.push_back(stored); };
    REQUIRE(tasks.transition(
        key, 0, 0,
        [](TaskTxn& txn) {
            txn.task().status = TaskStatus::Running;
            txn.task().page.capturing = true;
            txn.task().timeline = 2;
            txn.task().timeline_next = 5;
        },
        commit));
    REQUIRE(seen.size() == 1);
    auto stored = tasks.get(key);
    REQUIRE(seen[0].version == stored->version);
    REQUIRE(seen[0].generation == stored->generation);
    REQUIRE(seen[0].status == TaskStatus::Running);
    REQUIRE(seen[0].page.capturing);
    REQUIRE(seen[0].timeline == 2);
    REQUIRE(seen[0].timeline_next == 5);
    REQUIRE(stored->page.capturing);
    REQUIRE(stored->timeline_next == 5);

    REQUIRE(tasks.transition(
        key, 0, 0,
        [](TaskTxn& txn) {
            txn.task().status = TaskStatus::Failed;
            txn.task().stop_reason = "StartTaskFailed";
            txn.task().end_time = 4000;
        },
        commit));
    REQUIRE(seen.size() == 2);
    REQUIRE(seen[1].status == TaskStatus::Failed);
    REQUIRE(seen[1].stop_reason == "StartTaskFailed");
    REQUIRE(seen[1].end_time == 4000);
    REQUIRE(seen[1].version == tasks.get(key)->version);
    REQUIRE(seen[1].version > seen[0].version);
}

TEST_CASE("WebcastTasks: counts() tells the tasks stored and those running, and for_each visits each once",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();
    REQUIRE(tasks.counts().stored == 0);
    REQUIRE(tasks.counts().running == 0);

    constexpr int kTasks = 150;
    for (int i = 0; i < kTasks; ++i)
        REQUIRE(create(tasks, new_task("c" + std::to_string(i))) == WebcastTasks::Created::Created);
    for (int i = 0; i < kTasks; i += 3) REQUIRE(end_task(tasks, key_of("c" + std::to_string(i))));
    for (int i = 0; i < kTasks; i += 6)
        REQUIRE(create(tasks, new_task("c" + std::to_string(i)), true) == WebcastTasks::Created::Created);
    const std::size_t ended = kTasks / 3 - kTasks / 6;
    REQUIRE(tasks.counts().stored == static_cast<std::size_t>(kTasks));
    REQUIRE(tasks.counts().running == kTasks - ended);

    std::map<std::string, int> visits;
    std::map<std::string, std::uint64_t> generations;
    tasks.for_each([&](const WebcastTask& t) {
        ++visits[t.spec.task_id];
        generations[t.spec.task_id] = t.generation;
    });
    REQUIRE(visits.size() == static_cast<std::size_t>(kTasks));
    int twice = 0, wrong_generation = 0;
    for (const auto& [id, n] : visits) {
        twice += n != 1;
        wrong_generation += generations[id] != tasks.get(key_of(id))->generation;
    }
    REQUIRE(twice == 0);
    REQUIRE(wrong_generation == 0);
    REQUIRE(generations["c0"] == 2);
    REQUIRE(generations["c3"] == 1);
}
