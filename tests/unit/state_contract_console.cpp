// The state engine's contract for whiteboard recording tasks (core/state/wbrecord_tasks.h), the apps' console
// state (core/state/apps.h) and the callback settings (core/state/callback_settings.h). Every engine of
// test::engine_names() is held to it; time is plain TimeMs values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/engines.h"

using namespace rtc;
using state::WbRecordTasks;
using wbrecord::WbRecordSpec;
using wbrecord::WbRecordTask;

namespace {

WbRecordSpec spec_of(const std::string& task_id, const std::string& app = "app-wb") {
    WbRecordSpec s;
    s.app_id = app;
    s.room_id = "room";
    s.task_id = task_id;
    s.user_id = "user";
    s.business_id = "biz";
    return s;
}

webcast::TaskKey wb_key(const std::string& task_id, const std::string& app = "app-wb") {
    return webcast::TaskKey{app, "room", task_id};
}

App app_of(const std::string& id, const std::string& account, WhiteboardMode mode = WhiteboardMode::Video) {
    App a;
    a.app_id = id;
    a.account_id = account;
    a.whiteboard_record_mode = mode;
    return a;
}

// The fixture: apps given out of AppId order, a default callback setting for two of them and a BusinessId's.
state::EngineSettings console_fixture() {
    state::EngineSettings s;
    s.apps = {app_of("app-c", "acc-2", WhiteboardMode::None), app_of("app-a", "acc-1"),
              app_of("app-b", "acc-1", WhiteboardMode::Signaling)};
    s.apps[1].vod_enabled = false;
    s.app_callbacks = {CallbackFixture{"app-a", "", AppCallback{"http://127.0.0.1:9/a", "sa", {}}},
                       CallbackFixture{"app-a", "biz-1", AppCallback{"http://127.0.0.1:9/a1", "sa1", {"E1"}}},
                       CallbackFixture{"app-b", "", AppCallback{"http://127.0.0.1:9/b", "sb", {}}}};
    return s;
}

std::vector<std::string> ids_of(const std::vector<App>& apps) {
    std::vector<std::string> out;
    for (const auto& a : apps) out.push_back(a.app_id);
    return out;
}

}  // namespace

// ---- WbRecordTasks
// -----------------------------------------------------------------------------------------

TEST_CASE(
    "WbRecordTasks: start creates a running task as generation 1; starting it again answers AlreadyRunning",
    "[state][wbrecord]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->wbrecord_tasks();

    auto started = tasks.start(spec_of("w1"), "acc-1", 1000, true);
    REQUIRE(started.outcome == WbRecordTasks::Started::Created);
    REQUIRE(started.task.running);
    REQUIRE(started.task.generation == 1);
    REQUIRE(started.task.start_time == 1000);
    REQUIRE(started.task.end_time == 0);
    REQUIRE(started.task.account_id == "acc-1");
    REQUIRE(started.task.spec.business_id == "biz");
    auto stored = tasks.get(wb_key("w1"));
    REQUIRE(stored);
    REQUIRE(stored->running);
    REQUIRE(stored->generation == 1);
    REQUIRE(stored->start_time == 1000);

    WbRecordSpec other = spec_of("w1");
    other.user_id = "someone-else";
    auto again = tasks.start(other, "acc-1", 2000, true);
    REQUIRE(again.outcome == WbRecordTasks::Started::AlreadyRunning);
    REQUIRE(again.task.start_time == 1000);  // the existing task
    REQUIRE(again.task.spec.user_id == "user");
    REQUIRE(tasks.get(wb_key("w1"))->start_time == 1000);
    REQUIRE(tasks.get(wb_key("w1"))->spec.user_id == "user");
    REQUIRE(tasks.size() == 1);
    REQUIRE_FALSE(tasks.get(wb_key("w2")));
}

TEST_CASE("WbRecordTasks: stop ends the running task once; nothing to stop is nullopt", "[state][wbrecord]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->wbrecord_tasks();

    REQUIRE_FALSE(tasks.stop(wb_key("w1"), 1500, "StopByAPI"));
    REQUIRE(tasks.start(spec_of("w1"), "acc-1", 1000, false).outcome == WbRecordTasks::Started::Created);
    auto stopped = tasks.stop(wb_key("w1"), 3000, "StopByAPI");
    REQUIRE(stopped);
    REQUIRE_FALSE(stopped->running);
    REQUIRE(stopped->end_time == 3000);
    REQUIRE(stopped->stop_reason == "StopByAPI");
    REQUIRE(stopped->generation == 1);
    auto stored = tasks.get(wb_key("w1"));
    REQUIRE_FALSE(stored->running);
    REQUIRE(stored->end_time == 3000);
    REQUIRE(stored->stop_reason == "StopByAPI");

    REQUIRE_FALSE(tasks.stop(wb_key("w1"), 4000, "StopByAPI"));
    REQUIRE(tasks.get(wb_key("w1"))->end_time == 3000);
    REQUIRE(tasks.size() == 1);
}

TEST_CASE("WbRecordTasks: an ended task starts again as the next generation only when restart_ended",
          "[state][wbrecord]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->wbrecord_tasks();

    REQUIRE(tasks.start(spec_of("w1"), "acc-1", 1000, false).outcome == WbRecordTasks::Started::Created);
    REQUIRE(tasks.stop(wb_key("w1"), 2000, "StopByAPI"));
    auto refused = tasks.start(spec_of("w1"), "acc-1", 3000, false);
    REQUIRE(refused.outcome == WbRecordTasks::Started::EndedNotRestartable);
    REQUIRE_FALSE(refused.task.running);
    REQUIRE(refused.task.end_time == 2000);
    REQUIRE_FALSE(tasks.get(wb_key("w1"))->running);
    REQUIRE(tasks.get(wb_key("w1"))->generation == 1);

    auto restarted = tasks.start(spec_of("w1"), "acc-1", 4000, true);
    REQUIRE(restarted.outcome == WbRecordTasks::Started::Created);
    REQUIRE(restarted.task.generation == 2);
    REQUIRE(restarted.task.running);
    REQUIRE(restarted.task.start_time == 4000);
    REQUIRE(restarted.task.end_time == 0);
    REQUIRE(restarted.task.stop_reason.empty());
    auto stored = tasks.get(wb_key("w1"));
    REQUIRE(stored->generation == 2);
    REQUIRE(stored->running);
    REQUIRE(stored->end_time == 0);
    REQUIRE(tasks.size() == 1);

    REQUIRE(tasks.stop(wb_key("w1"), 5000, "StopByAPI")->generation == 2);
    REQUIRE(tasks.start(spec_of("w1"), "acc-1", 6000, true).task.generation == 3);
}

TEST_CASE("WbRecordTasks: all lists every task, size counts them, clear forgets them", "[state][wbrecord]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& tasks = e->wbrecord_tasks();
    REQUIRE(tasks.size() == 0);
    REQUIRE(tasks.all().empty());

    for (int i = 0; i < 25; ++i)
        tasks.start(spec_of("w" + std::to_string(i), i % 2 ? "app-odd" : "app-even"), "acc-1", 1000 + i,
                    true);
    tasks.stop(wb_key("w4", "app-even"), 5000, "StopByAPI");
    REQUIRE(tasks.size() == 25);
    auto all = tasks.all();
    REQUIRE(all.size() == 25);
    std::set<std::string> ids;
    int running = 0;
    for (const auto& t : all) {
        ids.insert(t.spec.app_id + "/" + t.spec.task_id);
        running += t.running ? 1 : 0;
    }
    REQUIRE(ids.size() == 25);
    REQUIRE(ids.count("app-odd/w3") == 1);
    REQUIRE(ids.count("app-even/w4") == 1);
    REQUIRE(running == 24);

    tasks.clear();
    REQUIRE(tasks.size() == 0);
    REQUIRE(tasks.all().empty());
    REQUIRE_FALSE(tasks.get(wb_key("w3", "app-odd")));
    REQUIRE(tasks.start(spec_of("w3", "app-odd"), "acc-1", 9000, false).task.generation == 1);
}

// ---- Apps
// --------------------------------------------------------------------------------------------------

TEST_CASE("Apps: the fixture's apps are there from the start, sorted by AppId", "[state][apps]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& apps = e->apps();

    REQUIRE(ids_of(apps.all()) == std::vector<std::string>{"app-a", "app-b", "app-c"});
    auto a = apps.find("app-a");
    REQUIRE(a);
    REQUIRE(a->account_id == "acc-1");
    REQUIRE_FALSE(a->vod_enabled);
    REQUIRE(a->cloud_recording_enabled);
    REQUIRE(apps.find("app-b")->whiteboard_record_mode == WhiteboardMode::Signaling);
    REQUIRE(apps.find("app-c")->whiteboard_record_mode == WhiteboardMode::None);
    REQUIRE_FALSE(apps.find("app-unknown"));
    REQUIRE_FALSE(apps.find(""));
}

TEST_CASE("Apps: put creates or replaces an app; reset brings back the fixture's", "[state][apps]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& apps = e->apps();

    App changed = app_of("app-b", "acc-9", WhiteboardMode::Video);
    changed.cloud_recording_enabled = false;
    apps.put(changed);
    apps.put(app_of("app-0", "acc-1"));
    apps.put(app_of("app-z", "acc-2"));
    REQUIRE(ids_of(apps.all()) == std::vector<std::string>{"app-0", "app-a", "app-b", "app-c", "app-z"});
    auto b = apps.find("app-b");
    REQUIRE(b->account_id == "acc-9");
    REQUIRE_FALSE(b->cloud_recording_enabled);
    REQUIRE(b->whiteboard_record_mode == WhiteboardMode::Video);
    REQUIRE(apps.find("app-0"));

    apps.reset();
    REQUIRE(ids_of(apps.all()) == std::vector<std::string>{"app-a", "app-b", "app-c"});
    REQUIRE_FALSE(apps.find("app-0"));
    REQUIRE(apps.find("app-b")->account_id == "acc-1");
    REQUIRE(apps.find("app-b")->whiteboard_record_mode == WhiteboardMode::Signaling);
    REQUIRE(apps.find("app-b")->cloud_recording_enabled);
}

// ---- CallbackSettings
// ----------------------------------------------------------------------------------------

TEST_CASE("CallbackSettings: the fixture's settings are there from the start", "[state][callbacks]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& settings = e->callback_settings();

    auto a = settings.get("app-a", "");
    REQUIRE(a);
    REQUIRE(a->app_id == "app-a");
    REQUIRE(a->business_id.empty());
    REQUIRE(a->callback.url == "http://127.0.0.1:9/a");
    REQUIRE(a->callback.secret_key == "sa");
    auto a1 = settings.get("app-a", "biz-1");
    REQUIRE(a1);
    REQUIRE(a1->callback.events == std::vector<std::string>{"E1"});
    REQUIRE(settings.get("app-b", ""));
    REQUIRE_FALSE(settings.get("app-c", ""));
    REQUIRE_FALSE(settings.get("app-b", "biz-1"));
    REQUIRE(settings.all().size() == 3);
}

TEST_CASE("CallbackSettings: route picks the BusinessId's setting, else the app's default, else none",
          "[state][callbacks]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& settings = e->callback_settings();

    REQUIRE(settings.route("app-a", "biz-1")->business_id == "biz-1");
    REQUIRE(settings.route("app-a", "biz-1")->callback.url == "http://127.0.0.1:9/a1");
    REQUIRE(settings.route("app-a", "biz-2")->business_id == "");
    REQUIRE(settings.route("app-a", "biz-2")->callback.url == "http://127.0.0.1:9/a");
    REQUIRE(settings.route("app-a", "")->business_id == "");
    REQUIRE(settings.route("app-b", "biz-1")->callback.url == "http://127.0.0.1:9/b");
    REQUIRE_FALSE(settings.route("app-c", ""));
    REQUIRE_FALSE(settings.route("app-c", "biz-1"));
    REQUIRE_FALSE(settings.route("app-unknown", "biz-1"));

    // A BusinessId's setting without a default still routes its own tasks, and only those.
    settings.put("app-c", "biz-9", AppCallback{"http://127.0.0.1:9/c9", "s", {}}, 100);
    REQUIRE(settings.route("app-c", "biz-9")->callback.url == "http://127.0.0.1:9/c9");
    REQUIRE_FALSE(settings.route("app-c", ""));
    REQUIRE_FALSE(settings.route("app-c", "biz-1"));
    // Another app's BusinessId is not this app's.
    REQUIRE(settings.route("app-b", "biz-9")->business_id == "");

    REQUIRE(settings.remove("app-a", ""));
    REQUIRE_FALSE(settings.route("app-a", "biz-2"));
    REQUIRE(settings.route("app-a", "biz-1")->business_id == "biz-1");
}

TEST_CASE("CallbackSettings: of_app lists an app's settings, the default first", "[state][callbacks]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& settings = e->callback_settings();

    settings.put("app-a", "A-upper", AppCallback{"http://127.0.0.1:9/x", "", {}}, 100);
    settings.put("app-a", "0-digit", AppCallback{"http://127.0.0.1:9/y", "", {}}, 100);
    settings.put("app-b-longer", "", AppCallback{"http://127.0.0.1:9/z", "", {}}, 100);
    auto of_a = settings.of_app("app-a");
    REQUIRE(of_a.size() == 4);
    REQUIRE(of_a[0].business_id.empty());
    std::set<std::string> others;
    for (std::size_t i = 1; i < of_a.size(); ++i) {
        REQUIRE(of_a[i].app_id == "app-a");
        others.insert(of_a[i].business_id);
    }
    REQUIRE(others == std::set<std::string>{"A-upper", "0-digit", "biz-1"});
    auto of_b = settings.of_app("app-b");
    REQUIRE(of_b.size() == 1);
    REQUIRE(of_b[0].app_id == "app-b");
    REQUIRE(settings.of_app("app-c").empty());

    REQUIRE(settings.remove("app-a", ""));
    for (const auto& s : settings.of_app("app-a")) REQUIRE_FALSE(s.business_id.empty());
    REQUIRE(settings.of_app("app-a").size() == 3);
    REQUIRE(settings.all().size() == 5);
}

TEST_CASE("CallbackSettings: put keeps a replaced setting's created_at and moves its updated_at",
          "[state][callbacks]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& settings = e->callback_settings();

    settings.put("app-b", "biz-7", AppCallback{"http://127.0.0.1:9/v1", "s1", {"E1"}}, 1000);
    auto first = settings.get("app-b", "biz-7");
    REQUIRE(first);
    REQUIRE(first->created_at == 1000);
    REQUIRE(first->updated_at == 1000);

    settings.put("app-b", "biz-7", AppCallback{"http://127.0.0.1:9/v2", "s2", {}}, 5000);
    auto second = settings.get("app-b", "biz-7");
    REQUIRE(second->created_at == 1000);
    REQUIRE(second->updated_at == 5000);
    REQUIRE(second->callback.url == "http://127.0.0.1:9/v2");
    REQUIRE(second->callback.secret_key == "s2");
    REQUIRE(second->callback.events.empty());
    REQUIRE(settings.of_app("app-b").size() == 2);

    // Removed, then put again: a new setting.
    REQUIRE(settings.remove("app-b", "biz-7"));
    settings.put("app-b", "biz-7", AppCallback{"http://127.0.0.1:9/v3", "", {}}, 9000);
    REQUIRE(settings.get("app-b", "biz-7")->created_at == 9000);
}

TEST_CASE("CallbackSettings: remove answers whether there was such a setting; reset restores the fixture",
          "[state][callbacks]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& settings = e->callback_settings();

    REQUIRE(settings.remove("app-a", "biz-1"));
    REQUIRE_FALSE(settings.remove("app-a", "biz-1"));
    REQUIRE_FALSE(settings.remove("app-c", ""));
    REQUIRE_FALSE(settings.remove("app-unknown", ""));
    REQUIRE_FALSE(settings.get("app-a", "biz-1"));
    REQUIRE(settings.remove("app-b", ""));
    settings.put("app-a", "", AppCallback{"http://127.0.0.1:9/changed", "x", {}}, 700);
    settings.put("app-c", "new", AppCallback{"http://127.0.0.1:9/new", "x", {}}, 700);

    settings.reset();
    REQUIRE(settings.all().size() == 3);
    REQUIRE(settings.get("app-a", "")->callback.url == "http://127.0.0.1:9/a");
    REQUIRE(settings.get("app-a", "biz-1"));
    REQUIRE(settings.get("app-b", ""));
    REQUIRE_FALSE(settings.get("app-c", "new"));
    REQUIRE(settings.route("app-a", "biz-1")->callback.url == "http://127.0.0.1:9/a1");
}

// ---- Two replicas on one state (engines that share it: every one but "memory")
// -----------------------------------------------------------

TEST_CASE("Apps and CallbackSettings: a change through one replica is what the other reads next",
          "[state][apps][callbacks][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // one process: nothing to share
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, console_fixture(), prefix);
    auto b = test::make_engine(engine, console_fixture(), prefix);
    // B has read (and may keep) what it reads before the changes.
    REQUIRE(b->apps().find("app-b")->account_id == "acc-1");
    REQUIRE_FALSE(b->apps().find("app-new"));
    REQUIRE(b->callback_settings().route("app-a", "biz-2")->callback.url == "http://127.0.0.1:9/a");

    a->apps().put(app_of("app-b", "acc-9", WhiteboardMode::None));
    REQUIRE(b->apps().find("app-b")->account_id == "acc-9");
    REQUIRE(b->apps().find("app-b")->whiteboard_record_mode == WhiteboardMode::None);
    a->apps().put(app_of("app-new", "acc-1"));
    REQUIRE(b->apps().find("app-new"));

    a->callback_settings().put("app-a", "biz-2", AppCallback{"http://127.0.0.1:9/a2", "s", {}}, 100);
    REQUIRE(b->callback_settings().route("app-a", "biz-2")->callback.url == "http://127.0.0.1:9/a2");
    b->callback_settings().put("app-a", "biz-2", AppCallback{"http://127.0.0.1:9/a3", "s", {}}, 200);
    auto replaced = a->callback_settings().get("app-a", "biz-2");
    REQUIRE(replaced->callback.url == "http://127.0.0.1:9/a3");
    REQUIRE(replaced->created_at == 100);
    REQUIRE(replaced->updated_at == 200);
    REQUIRE(a->callback_settings().remove("app-a", ""));
    REQUIRE_FALSE(b->callback_settings().route("app-a", "biz-1-none"));
    REQUIRE_FALSE(b->callback_settings().remove("app-a", ""));

    b->apps().reset();
    REQUIRE_FALSE(a->apps().find("app-new"));
    a->callback_settings().reset();
    REQUIRE(b->callback_settings().all().size() == 3);
}

TEST_CASE("Apps and CallbackSettings: reading them costs no round trip once a replica has them",
          "[state][apps][callbacks][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, console_fixture());
    auto& apps = e->apps();
    auto& settings = e->callback_settings();
    // The first reads load the replica's copy; it is trusted once the engine's thread has heartbeat.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        const auto before = e->round_trips();
        (void)apps.find("app-a");
        (void)settings.route("app-a", "");
        (void)e->fault_rules().empty();
        if (e->round_trips() == before || std::chrono::steady_clock::now() > until) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the engine's own thread, not time
    }
    const auto before = e->round_trips();
    for (int i = 0; i < 100; ++i) {
        REQUIRE(apps.find("app-a"));
        REQUIRE(settings.route("app-a", "biz-1"));
        REQUIRE(e->fault_rules().empty());
        REQUIRE_FALSE(e->fault_rules().match("StartWebcast", "acc-1", "app-a", 1000));
    }
    REQUIRE(e->round_trips() == before);
}
