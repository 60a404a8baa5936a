// The state engine's contract as a whole (core/state/engine.h): its name, and reset, which brings everything
// back to the fixture (no task, delivery, window, rule or journal entry; the fixture's apps and callback
// settings). Every engine of test::engine_names() is held to it.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>

#include <nlohmann/json.hpp>

#include "support/engines.h"

using namespace rtc;

namespace {

state::EngineSettings fixture() {
    state::EngineSettings s;
    App a;
    a.app_id = "app-fixture";
    a.account_id = "acc-1";
    s.apps = {a};
    s.app_callbacks = {
        CallbackFixture{"app-fixture", "", AppCallback{"http://127.0.0.1:9/cb", "secret", {}}}};
    s.journal_capacity = 50;
    s.deliveries_capacity = 50;
    s.max_ended_tasks = 10;
    return s;
}

}  // namespace

TEST_CASE("StateEngine: an engine is named as it was asked for", "[state][engine]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, fixture());
    REQUIRE(std::string(e->name()) == engine);
}

TEST_CASE("StateEngine: reset brings everything back to the fixture", "[state][engine]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, fixture());

    // Everything changed: tasks with timers, console, deliveries, windows, rules, journal.
    webcast::WebcastTask task;
    task.spec.app_id = "app-fixture";
    task.spec.room_id = "room";
    task.spec.task_id = "t1";
    task.instance = 1;
    REQUIRE(e->webcast_tasks().create(
                task, false,
                [](state::TaskTxn& txn) { txn.arm(webcast::WebcastTimer::MaxRunningTime, 5000); },
                [](const webcast::WebcastTask&) {}) == state::WebcastTasks::Created::Created);
    wbrecord::WbRecordSpec wb;
    wb.app_id = "app-fixture";
    wb.room_id = "room";
    wb.task_id = "w1";
    e->wbrecord_tasks().start(wb, "acc-1", 1000, true);
    App changed;
    changed.app_id = "app-fixture";
    changed.account_id = "acc-2";
    changed.vod_enabled = false;
    e->apps().put(changed);
    App added;
    added.app_id = "app-new";
    added.account_id = "acc-1";
    e->apps().put(added);
    e->callback_settings().put("app-fixture", "", AppCallback{"http://127.0.0.1:9/other", "s2", {}}, 100);
    e->callback_settings().put("app-fixture", "biz", AppCallback{"http://127.0.0.1:9/biz", "s3", {}}, 100);
    callbacks::DeliveryRecord d;
    d.base.delivery_id = d.base.event_id = "ev-1";
    d.task = "app-fixture/room/t1";
    e->deliveries().add(d);
    REQUIRE(e->deliveries().take_task_slot(d.task, "ev-1"));
    e->deliveries().schedule_retry("ev-1", 2, 7000);
    callbacks::AttemptRecord attempt;
    attempt.event_id = "ev-1";
    e->deliveries().record(attempt);
    REQUIRE(e->rate_windows().admit("acc-1\nStartWebcast", 1, 1000, 100).admitted);
    REQUIRE_FALSE(e->rate_windows().admit("acc-1\nStartWebcast", 1, 1000, 100).admitted);
    std::string error;
    auto rule = faults::parse_fault_rule({{"Type", "drop"}, {"AppId", "app-fixture"}}, error);
    REQUIRE(rule);
    REQUIRE(e->fault_rules().add(*rule, 100, error));
    REQUIRE(e->fault_rules().add(*rule, 100, error));
    JournalEntry entry;
    entry.action = "StartWebcast";
    e->journal().record(std::move(entry));

    e->reset();

    auto& tasks = e->webcast_tasks();
    REQUIRE_FALSE(tasks.get(webcast::key_of(task.spec)));
    REQUIRE(tasks.counts().stored == 0);
    REQUIRE(tasks.pending_timers() == 0);
    REQUIRE_FALSE(tasks.next_due());
    REQUIRE(tasks.claim_due(1000000, 10).empty());
    REQUIRE(e->wbrecord_tasks().size() == 0);
    REQUIRE_FALSE(e->wbrecord_tasks().get(webcast::TaskKey{"app-fixture", "room", "w1"}));

    auto apps = e->apps().all();
    REQUIRE(apps.size() == 1);
    REQUIRE(apps[0].app_id == "app-fixture");
    REQUIRE(apps[0].account_id == "acc-1");
    REQUIRE(apps[0].vod_enabled);
    REQUIRE_FALSE(e->apps().find("app-new"));
    auto settings = e->callback_settings().all();
    REQUIRE(settings.size() == 1);
    REQUIRE(settings[0].business_id.empty());
    REQUIRE(settings[0].callback.url == "http://127.0.0.1:9/cb");
    REQUIRE(settings[0].callback.secret_key == "secret");

    auto& ds = e->deliveries();
    REQUIRE_FALSE(ds.find("ev-1"));
    REQUIRE(ds.attempts({}).empty());
    REQUIRE(ds.retries_pending() == 0);
    REQUIRE_FALSE(ds.next_due());
    REQUIRE_FALSE(ds.release_task_slot(d.task));

    REQUIRE(e->rate_windows().tracked_keys() == 0);
    REQUIRE(e->rate_windows().admit("acc-1\nStartWebcast", 1, 1000, 100).admitted);

    auto& rules = e->fault_rules();
    REQUIRE(rules.empty());
    REQUIRE_FALSE(rules.scopes_by_app());
    REQUIRE_FALSE(rules.match("StartWebcast", "acc-1", "app-fixture", 200));
    auto again = rules.add(*rule, 100, error);
    REQUIRE(again);
    REQUIRE((*again)["Id"] == "f-1");

    REQUIRE(e->journal().stats().size == 0);
    REQUIRE(e->journal().query({}).entries.empty());

    // And the tasks' keys are free: a new task is generation 1.
    REQUIRE(tasks.create(
                task, false, [](state::TaskTxn&) {}, [](const webcast::WebcastTask&) {}) ==
            state::WebcastTasks::Created::Created);
    REQUIRE(tasks.get(webcast::key_of(task.spec))->generation == 1);
}

// ---- Two replicas on one state (engines that share it: every one but "memory")
// -----------------------------------------------------------

TEST_CASE(
    "StateEngine: a reset through one replica is the other's too: its hook has run and the fixture is back",
    "[state][engine][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // one process: nothing to share
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, fixture(), prefix);
    auto b = test::make_engine(engine, fixture(), prefix);
    std::atomic<int> a_heard{0}, b_heard{0};
    a->on_remote_reset([&] { ++a_heard; });
    b->on_remote_reset([&] { ++b_heard; });
    App added;
    added.app_id = "app-new";
    added.account_id = "acc-1";
    b->apps().put(added);
    std::string error;
    auto rule = faults::parse_fault_rule({{"Type", "drop"}}, error);
    REQUIRE(b->fault_rules().add(*rule, 100, error));
    REQUIRE(b->apps().find("app-new"));

    a->reset();
    REQUIRE(b_heard == 1);  // before a's reset returned
    REQUIRE(a_heard == 0);  // its own reset is no news to a
    REQUIRE_FALSE(b->apps().find("app-new"));
    REQUIRE(b->apps().all().size() == 1);
    REQUIRE(b->callback_settings().all().size() == 1);
    REQUIRE(b->fault_rules().empty());
    REQUIRE((*b->fault_rules().add(*rule, 100, error))["Id"] == "f-1");
}

TEST_CASE("StateEngine: a replica started on a state that is there keeps it (no reset, no seeding)",
          "[state][engine][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // one process: nothing to share
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, fixture(), prefix);
    App changed;
    changed.app_id = "app-fixture";
    changed.account_id = "acc-2";
    a->apps().put(changed);
    a->callback_settings().put("app-fixture", "biz", AppCallback{"http://127.0.0.1:9/biz", "s", {}}, 100);
    std::string error;
    REQUIRE(a->fault_rules().add(*faults::parse_fault_rule({{"Type", "drop"}}, error), 100, error));

    auto b = test::make_engine(engine, fixture(), prefix);
    REQUIRE(b->apps().find("app-fixture")->account_id == "acc-2");
    REQUIRE(b->callback_settings().all().size() == 2);
    REQUIRE(b->fault_rules().size() == 1);
    a.reset();  // the first replica goes; the state stays
    auto c = test::make_engine(engine, fixture(), prefix);
    REQUIRE(c->apps().find("app-fixture")->account_id == "acc-2");
    REQUIRE(c->fault_rules().size() == 1);
}
