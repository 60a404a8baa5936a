// GET /_mock/state/export and POST /_mock/state/import (core/admin/state_snapshot.h): the whole state as one
// document, moved between engines.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support/service_harness.h"

using namespace rtc;
using rtc::test::Harness;
using rtc::test::webcast_body;

namespace {

// The parts of an export that must survive an import, in a stable order.
nlohmann::json comparable(nlohmann::json doc) {
    auto& tasks = doc["WebcastTasks"];
    std::sort(tasks.begin(), tasks.end(),
              [](const auto& a, const auto& b) { return a["Task"].dump() < b["Task"].dump(); });
    for (auto& t : tasks) {
        t["Task"].erase("Version");  // the engine keeps its own count of changes
        t["Task"].erase("Generation");
    }
    for (auto& s : doc["CallbackSettings"]) {
        s.erase("CreatedAt");
        s.erase("UpdatedAt");
    }
    for (auto& f : doc["Faults"]) f.erase("Id");
    return {{"Apps", doc["Apps"]},
            {"CallbackSettings", doc["CallbackSettings"]},
            {"WebcastTasks", tasks},
            {"WbRecordTasks", doc["WbRecordTasks"]}};
}

int task_status(Harness& h, const std::string& task) {
    auto r = h.get("GetWebCastTask", {{"AppId", test::kApp}, {"RoomId", "room1"}, {"TaskId", task}});
    return r.result()["WebCastTask"]["Status"].get<int>();
}

}  // namespace

TEST_CASE(
    "an exported state imported into a fresh mock, on either engine, gives back its tasks, timers, apps, "
    "callback settings and whiteboard tasks",
    "[admin][state]") {
    const std::string from = GENERATE(from_range(test::engine_names()));
    const std::string to = GENERATE(from_range(test::engine_names()));
    INFO("from " << from << " to " << to);
    Harness a({}, nullptr, from);
    REQUIRE(a.post("StartWebcast", webcast_body("running")).status == 200);
    REQUIRE(a.post("StartWebcast", webcast_body("stopped")).status == 200);
    REQUIRE(
        a.post("StopWebcast", {{"AppId", test::kApp}, {"RoomId", "room1"}, {"TaskId", "stopped"}}).status ==
        200);
    REQUIRE(a.post("StartWBRecord", test::wb_body("wb1")).status == 200);
    MockService& sa = *a.service;
    REQUIRE(sa.admin().change_app(test::kApp, {{"VodEnabled", false}}).ok());
    REQUIRE(sa.admin()
                .put_app_callback(test::kApp, "", {{"URL", "http://127.0.0.1:9/cb"}, {"SecretKey", "s"}})
                .ok());
    auto exported = sa.admin().export_state();
    REQUIRE(exported.ok());
    REQUIRE(exported.body["Format"] == "rtc-mock-state/1");
    REQUIRE(exported.body["Engine"] == from);

    Harness b({}, nullptr, to);
    auto imported = b.service->admin().import_state(exported.body);
    REQUIRE(imported.ok());
    auto again = b.service->admin().export_state();
    REQUIRE(comparable(again.body) == comparable(exported.body));
    CHECK(task_status(b, "running") == 1);
    CHECK(task_status(b, "stopped") == 3);
    REQUIRE_FALSE(b.parts->engine->apps().find(test::kApp)->vod_enabled);
    // The timers came along: the running task still ends at its MaxRunningTime (86 400 s by default).
    b.advance_ms(86'400'000 + 1000);
    CHECK(task_status(b, "running") == 3);
}

TEST_CASE("an imported fault rule goes on with the count it had left", "[admin][state]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    Harness a({}, nullptr, engine);
    REQUIRE(a.service->admin()
                .add_fault({{"Action", "GetWebCastTask"}, {"Type", "throttle"}, {"Count", 3}})
                .status == admin::Status::Created);
    REQUIRE(a.get("GetWebCastTask", {{"AppId", test::kApp}, {"RoomId", "room1"}, {"TaskId", "x"}}).code() ==
            "FlowLimitExceeded.QPSOverLimit");
    auto doc = a.service->admin().export_state().body;
    Harness b({}, nullptr, engine);
    REQUIRE(b.service->admin().import_state(doc).ok());
    int faulted = 0;
    for (int i = 0; i < 4; ++i)
        if (b.get("GetWebCastTask", {{"AppId", test::kApp}, {"RoomId", "room1"}, {"TaskId", "x"}}).code() ==
            "FlowLimitExceeded.QPSOverLimit")
            ++faulted;
    REQUIRE(faulted == 2);
}

TEST_CASE("a state document that is not one changes nothing and says what is wrong", "[admin][state]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    Harness h({}, nullptr, engine);
    REQUIRE(h.post("StartWebcast", webcast_body("kept")).status == 200);
    auto& admin = h.service->admin();
    auto wrong_format = admin.import_state({{"Format", "other/9"}});
    REQUIRE(wrong_format.status == admin::Status::BadInput);
    REQUIRE_THAT(wrong_format.body["error"].get<std::string>(), Catch::Contains("Format"));
    auto bad_timer = admin.import_state(
        {{"Format", "rtc-mock-state/1"},
         {"WebcastTasks",
          {{{"Task", admin.export_state().body["WebcastTasks"][0]["Task"]}, {"Timers", {{"Soon", 5}}}}}}});
    REQUIRE(bad_timer.status == admin::Status::BadInput);
    REQUIRE_THAT(bad_timer.body["error"].get<std::string>(), Catch::Contains("Timers.Soon"));
    REQUIRE(task_status(h, "kept") == 1);
}
