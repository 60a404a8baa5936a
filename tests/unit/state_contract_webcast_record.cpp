// The state engine's contract for a Webcast task's record: every field comes back as the last transition
// stored it, whatever the engine keeps internally (the memory engine packs its text, task_text.h). Compared
// through the Redis codec's encoding, which names every field.
#include <catch2/catch.hpp>

#include <string>

#include "core/state/codec/webcast_json.h"
#include "state_contract_support.h"
#include "support/engines.h"

using namespace rtc;
using namespace rtc::test::contract;

namespace {

// A task with every field away from its default, strings long enough to need more than one length byte.
WebcastTask full_task() {
    WebcastTask t = new_task("full");
    t.spec.user_id = "user-" + std::string(120, 'u');
    t.spec.business_id = "biz";
    t.spec.source_url = "https://example.com/" + std::string(300, 'p') + "?q=1";
    t.spec.video_solutions = {{640, 360, 30, 800}, {1920, 1080, 60, 4000}};
    t.spec.max_running_time = 600;
    t.spec.monitor = {5, 6, 7};
    t.spec.event_notify = {true, 9};
    t.account_id = "2100000009";
    return t;
}

// The record as stored, with what only the engine sets taken from `stored`.
nlohmann::json encoded(WebcastTask expected, const WebcastTask& stored) {
    expected.version = stored.version;
    return state::codec::encode(expected);
}

}  // namespace

TEST_CASE("WebcastTasks: every field of a task comes back as its last transition stored it",
          "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    WebcastTask expected = full_task();
    auto page = [](WebcastTask& t) {
        t.status = TaskStatus::Running;
        t.page = {true, true, 1, 2, 3, 4, 5, {true, false, true}, "replica-a"};
        t.timeline = 2;
        t.timeline_next = 3;
        t.instance = 2;
    };
    REQUIRE(tasks.create(
                expected, false, [&](TaskTxn& txn) { page(txn.task()); }, [](const WebcastTask&) {}) ==
            WebcastTasks::Created::Created);
    page(expected);
    expected.generation = 1;
    auto stored = tasks.get(key_of("full"));
    REQUIRE(stored);
    REQUIRE(state::codec::encode(*stored) == encoded(expected, *stored));

    // An end sets the stop reason and moves the page to no host.
    auto end = [](WebcastTask& t) {
        t.status = TaskStatus::Ended;
        t.end_time = 5000;
        t.stop_reason = "StopByAPI";
        t.page.host = "";
        t.page.capturing = false;
    };
    REQUIRE(step(tasks, key_of("full"), [&](TaskTxn& txn) { end(txn.task()); }));
    end(expected);
    stored = tasks.get(key_of("full"));
    REQUIRE(stored);
    REQUIRE(state::codec::encode(*stored) == encoded(expected, *stored));

    // A restart may say other things: the new start's spec is the one kept.
    WebcastTask again = new_task("full", 9000);
    again.spec.source_url = "https://example.com/again";
    again.spec.video_solutions = {{1280, 720, 15, 0}};
    REQUIRE(create(tasks, again, true) == WebcastTasks::Created::Created);
    again.generation = 2;
    stored = tasks.get(key_of("full"));
    REQUIRE(stored);
    REQUIRE(state::codec::encode(*stored) == encoded(again, *stored));
}

TEST_CASE("WebcastTasks: keys that join to the same text are different tasks", "[state][webcast]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->webcast_tasks();

    WebcastTask a = new_task("c");
    a.spec.room_id = "ab";
    WebcastTask b = new_task("bc");
    b.spec.room_id = "a";
    REQUIRE(create(tasks, a) == WebcastTasks::Created::Created);
    REQUIRE(create(tasks, b) == WebcastTasks::Created::Created);
    REQUIRE(tasks.counts().stored == 2);
    REQUIRE(tasks.get(TaskKey{kApp, "ab", "c"})->spec.source_url == "https://example.com/c");
    REQUIRE(tasks.get(TaskKey{kApp, "a", "bc"})->spec.source_url == "https://example.com/bc");
    REQUIRE_FALSE(tasks.get(TaskKey{kApp, "abc", ""}));
    // An AppId no task was stored under has no task, and nothing to step or time.
    REQUIRE_FALSE(tasks.get(TaskKey{"app-never-seen", "ab", "c"}));
    REQUIRE_FALSE(step(tasks, TaskKey{"app-never-seen", "ab", "c"}, [](TaskTxn&) {}));
    REQUIRE(tasks.timers(TaskKey{"app-never-seen", "ab", "c"}).empty());
}
