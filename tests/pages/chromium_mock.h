// `rtc-mock --pages chromium` for end-to-end tests: the binary on the default fixture (with a Pages section
// of the test's), the app's callback pointed at the fixture server (which answers 200), tasks started on
// fixture pages, and their callbacks read back from the delivery journal (GET /_mock/callbacks), in order.
#pragma once

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http/api_client.h"
#include "support/api_calls.h"
#include "support/fixture_pages.h"
#include "support/mock_process.h"

namespace rtc::test::chromium_mock {

inline const std::string kApp = "600000000000000000000000";
inline const std::string kRoom = "pages-room";

struct Event {
    int status = 0;
    std::string reason;
    std::int64_t timestamp = 0;
};

inline std::string events_text(const std::vector<Event>& events) {
    std::string s;
    for (const auto& e : events) s += std::to_string(e.status) + "/" + e.reason + " ";
    return s;
}

inline bool has(const std::vector<Event>& events, int status, const std::string& reason = "") {
    for (const auto& e : events)
        if (e.status == status && (reason.empty() || e.reason == reason)) return true;
    return false;
}

// The default fixture with room for every page of a test at once.
inline std::string pages_config(const nlohmann::json& pages) {
    std::ifstream in(rtc::test::source_path("fixtures/default.json"));
    nlohmann::json doc = nlohmann::json::parse(in);
    doc["Pages"] = pages;
    const std::string path = "/tmp/rtc-pages-e2e-" + std::to_string(getpid()) + ".json";
    std::ofstream(path) << doc.dump();
    return path;
}

class ChromiumMock {
  public:
    // `pages`: the config's Pages section.
    explicit ChromiumMock(const nlohmann::json& pages = {{"MaxConcurrent", 8}})
        : config_(pages_config(pages)),
          mock_({"--pages", "chromium"}, config_),
          api_(mock_.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}),
          admin_(mock_.url()) {
        std::remove(config_.c_str());  // read once the mock listens
        auto r = admin_.Put(("/_mock/apps/" + kApp + "/callback").c_str(),
                            nlohmann::json({{"URL", fixtures_.url("callback")}, {"SecretKey", "s"}}).dump(),
                            "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
    }

    rtc::test::MockProcess& process() { return mock_; }
    rtc::test::FixturePages& fixtures() { return fixtures_; }

    // Starts a task on a fixture page; returns the mock's time just before the call.
    std::int64_t start(const std::string& task, const std::string& page, const nlohmann::json& extra = {}) {
        auto call = rtc::test::start_webcast_call(task, kRoom);
        call.params["SourceURL"] = fixtures_.url(page);
        if (extra.is_object())
            for (auto it = extra.begin(); it != extra.end(); ++it) call.params[it.key()] = it.value();
        return call_ok(call);
    }

    // Stops a task; returns the mock's time just before the call.
    std::int64_t stop(const std::string& task) {
        rtc::ApiCall call;
        call.action = "StopWebcast";
        call.params = {{"AppId", kApp}, {"RoomId", kRoom}, {"TaskId", task}};
        return call_ok(call);
    }

    // Sends `call`, which must answer 200 without an error; returns the mock's time just before it.
    std::int64_t call_ok(const rtc::ApiCall& call) {
        const std::int64_t before = mock_.now_ms();
        auto reply = api_.call(call, before);
        INFO(reply.body);
        REQUIRE(reply.http_status == 200);
        REQUIRE(reply.error_code().empty());
        return before;
    }

    // The task's callback events in the order they happened (first attempts).
    std::vector<Event> events(const std::string& task) {
        auto r = admin_.Get(("/_mock/callbacks?task=" + kApp + "/" + kRoom + "/" + task).c_str());
        std::vector<Event> out;
        if (!r || r->status != 200) return out;
        const auto journal = nlohmann::json::parse(r->body);
        for (const auto& a : journal["Attempts"]) {
            if (a.value("Attempt", 1) != 1 || a.value("Resend", false)) continue;
            auto body = nlohmann::json::parse(a["Body"].get<std::string>(), nullptr, false);
            if (!body.is_object()) continue;
            auto data = nlohmann::json::parse(body.value("EventData", "{}"), nullptr, false);
            out.push_back(
                Event{data.value("Status", -1), data.value("Reason", ""), data.value("Timestamp", 0LL)});
        }
        return out;
    }

    // The events once `pred` holds, or as they stand after timeout_ms (real time: the page runs in it).
    std::vector<Event> wait_events(const std::string& task,
                                   const std::function<bool(const std::vector<Event>&)>& pred,
                                   int timeout_ms) {
        std::vector<Event> got;
        for (int waited = 0; waited <= timeout_ms; waited += 100) {
            got = events(task);
            if (pred(got)) return got;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return got;
    }

    nlohmann::json task(const std::string& task) {
        auto r = admin_.Get("/_mock/tasks");
        if (!r || r->status != 200) return nullptr;
        const auto tasks = nlohmann::json::parse(r->body);
        for (const auto& t : tasks["Webcast"])
            if (t.value("TaskId", "") == task) return t;
        return nullptr;
    }

    httplib::Result get(const std::string& path) { return admin_.Get(path.c_str()); }

  private:
    rtc::test::FixturePages fixtures_;
    std::string config_;
    rtc::test::MockProcess mock_;
    rtc::ApiClient api_;
    httplib::Client admin_;
};

}  // namespace rtc::test::chromium_mock
