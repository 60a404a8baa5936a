// The real binary on --clock virtual, a local receiver that checks every callback's signature with the
// documented algorithm, and the admin API to move time and play page events.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "core/callbacks/callback_signature.h"
#include "http/api_client.h"
#include "support/mock_process.h"

using namespace rtc;
using rtc::test::MockProcess;

namespace {

const std::string kApp = "600000000000000000000000";
const std::string kSecret = "e2e-callback-secret";

ApiCall mk(const std::string& action, const std::string& method, nlohmann::json params) {
    ApiCall c;
    c.action = action;
    c.method = method;
    c.params = std::move(params);
    return c;
}

struct Got {
    callbacks::CallbackEnvelope envelope;
    nlohmann::json data;
    bool signature_ok = false;
};

// A webhook receiver on 127.0.0.1: answers 500 to the first `fail_first` posts, 200 after.
class Receiver {
  public:
    explicit Receiver(int fail_first = 0) : fail_first_(fail_first) {
        server_.Post("/cb", [this](const httplib::Request& req, httplib::Response& res) {
            Got g;
            std::string error;
            if (callbacks::CallbackEnvelope::from_json(req.body, g.envelope, error)) {
                g.signature_ok = callbacks::verify_callback_signature(g.envelope, kSecret);
                g.data = nlohmann::json::parse(g.envelope.event_data, nullptr, false);
            }
            std::lock_guard<std::mutex> lock(mu_);
            got_.push_back(g);
            res.status = fail_first_ > 0 ? 500 : 200;
            if (fail_first_ > 0) --fail_first_;
            res.set_content("ok", "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~Receiver() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/cb"; }

    // Waits (bounded, real time: the delivery is real I/O) until `pred` holds over what arrived.
    std::vector<Got> wait_until(const std::function<bool(const std::vector<Got>&)>& pred,
                                int timeout_ms = 5000) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        for (;;) {
            {
                std::lock_guard<std::mutex> lock(mu_);
                if (pred(got_) || std::chrono::steady_clock::now() > deadline) return got_;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    std::vector<Got> wait_for(std::size_t n) {
        return wait_until([n](const std::vector<Got>& g) { return g.size() >= n; });
    }

  private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mu_;
    std::vector<Got> got_;
    int fail_first_;
};

struct Admin {
    explicit Admin(const std::string& url) : http(url) {}
    httplib::Client http;

    nlohmann::json send(const char* method, const std::string& path, const nlohmann::json& body,
                        int& status) {
        httplib::Result r = std::string(method) == "GET" ? http.Get(path.c_str())
                            : std::string(method) == "PUT"
                                ? http.Put(path.c_str(), body.dump(), "application/json")
                                : http.Post(path.c_str(), body.dump(), "application/json");
        REQUIRE(r);
        status = r->status;
        return nlohmann::json::parse(r->body);
    }
    nlohmann::json ok(const char* method, const std::string& path, const nlohmann::json& body = {}) {
        int status = 0;
        auto j = send(method, path, body.is_null() ? nlohmann::json::object() : body, status);
        INFO(path << " -> " << j.dump());
        REQUIRE(status / 100 == 2);
        return j;
    }
    void set_callback(const std::string& url) {
        ok("PUT", "/_mock/apps/" + kApp + "/callback", {{"URL", url}, {"SecretKey", kSecret}});
    }
    void advance(double seconds) { ok("POST", "/_mock/clock/advance", {{"Seconds", seconds}}); }
    TimeMs now() { return ok("GET", "/_mock/clock")["NowMs"].get<TimeMs>(); }
};

std::vector<std::pair<int, std::string>> statuses_of(const std::vector<Got>& got,
                                                     const std::string& task_id) {
    std::vector<std::pair<int, std::string>> out;
    for (const auto& g : got)
        if (g.data.is_object() && g.data.value("TaskId", "") == task_id)
            out.push_back({g.data["Status"].get<int>(), g.data["Reason"].get<std::string>()});
    return out;
}

}  // namespace

TEST_CASE(
    "a callback over HTTP carries the documented envelope and signature; a failing receiver gets "
    "2 retries (1 s, 2 s) with the same EventId; the journal lists every attempt",
    "[e2e][callbacks]") {
    MockProcess mock({"--clock", "virtual"});
    Receiver rx(2);
    Admin admin(mock.url());
    admin.set_callback(rx.url());
    auto sent = admin.ok("POST", "/_mock/apps/" + kApp + "/callback/test", {{"EventData", {{"Status", 1}}}});
    const std::string id = sent["EventId"];

    auto got = rx.wait_for(1);
    REQUIRE(got.size() == 1);
    // The retry is scheduled only once the receiver's answer is recorded: wait for that before advancing.
    REQUIRE(mock.callback_attempts(id, 1, 3000).size() == 1);
    REQUIRE(got[0].signature_ok);
    REQUIRE(got[0].envelope.event_id == id);
    REQUIRE(got[0].envelope.event_type == "WebcastStatusChanged");
    REQUIRE(got[0].envelope.version == "2020-12-01");
    REQUIRE(got[0].envelope.app_id == kApp);
    REQUIRE(got[0].data["Status"] == 1);

    // The retry waits for the virtual clock.
    admin.advance(0.5);
    REQUIRE(rx.wait_until([](const std::vector<Got>& g) { return g.size() > 1; }, 300).size() == 1);
    admin.advance(0.5);
    REQUIRE(rx.wait_for(2).size() == 2);
    REQUIRE(mock.callback_attempts(id, 2, 3000).size() == 2);
    admin.advance(2);
    got = rx.wait_for(3);
    REQUIRE(got.size() == 3);
    for (const auto& g : got) {
        REQUIRE(g.envelope.event_id == id);
        REQUIRE(g.signature_ok);
    }

    nlohmann::json journal = mock.callback_attempts(id, 3, 3000);
    REQUIRE(journal.size() == 3);
    REQUIRE(journal[0]["Attempt"] == 1);
    REQUIRE(journal[0]["HttpStatus"] == 500);
    REQUIRE(journal[0]["Outcome"] == "retrying");
    REQUIRE(journal[1]["Outcome"] == "retrying");
    REQUIRE(journal[2]["Attempt"] == 3);
    REQUIRE(journal[2]["HttpStatus"] == 200);
    REQUIRE(journal[2]["Outcome"] == "delivered");
    REQUIRE(journal[2]["URL"] == rx.url());
    REQUIRE(journal[2]["TimeMs"].get<TimeMs>() - journal[0]["TimeMs"].get<TimeMs>() == 3000);

    // A resend goes out at once, same EventId.
    admin.ok("POST", "/_mock/callbacks/" + id + "/resend");
    got = rx.wait_for(4);
    REQUIRE(got.size() == 4);
    REQUIRE(got[3].envelope.event_id == id);
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("the lifecycle admin routes refuse bad input with a JSON error", "[e2e][callbacks]") {
    MockProcess mock({"--clock", "virtual"});
    Admin admin(mock.url());
    int status = 0;
    auto j = admin.send("POST", "/_mock/tasks/webcast/" + kApp + "/room/nope/events",
                        {{"Event", "PageFreeze"}}, status);
    REQUIRE(status == 404);
    REQUIRE_THAT(j["error"].get<std::string>(), Catch::Contains("nope"));
    admin.send("POST", "/_mock/tasks/webcast/" + kApp + "/room/nope/events", {{"Event", "PageMelt"}}, status);
    REQUIRE(status == 400);
    admin.send("PUT", "/_mock/apps/" + kApp + "/callback", {{"URL", "ftp://x"}}, status);
    REQUIRE(status == 400);
    admin.send("POST", "/_mock/callbacks/unknown/resend", {}, status);
    REQUIRE(status == 404);
    admin.send("GET", "/_mock/callbacks?limit=x", {}, status);
    REQUIRE(status == 400);
}

TEST_CASE("CreateCallback and GetCallback are signed actions that change the app's callback",
          "[e2e][callbacks]") {
    MockProcess mock({"--clock", "virtual"});
    Admin admin(mock.url());
    ApiClient api(mock.url(), signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    const std::string app = "600000000000000000000002";
    ApiCall create = mk("CreateCallback", "POST",
                        {{"AppID", app}, {"URL", "http://127.0.0.1:9/hook"}, {"SecretKey", "s"}});
    auto r = api.call(create, admin.now());
    INFO(r.body);
    REQUIRE(r.http_status == 200);
    REQUIRE(r.json["Result"] == "ok");
    auto got = api.call(mk("GetCallback", "GET", {{"AppId", app}}), admin.now());
    REQUIRE(got.json["Result"]["URL"] == "http://127.0.0.1:9/hook");
    REQUIRE(admin.ok("GET", "/_mock/apps/" + app + "/callback")["Callback"]["URL"] ==
            "http://127.0.0.1:9/hook");
    auto other = api.call(mk("GetCallback", "GET", {{"AppId", "600000000000000000000009"}}), admin.now());
    REQUIRE(other.error_code() == "AccessDenied.NoPermissionForApp");
}

TEST_CASE(
    "over HTTP: a BusinessId's callback set with PUT ?BusinessId= takes that task's events, the journal says "
    "so, and DeleteCallback's query form with an empty body removes it; StartWebcast answers at 2023-11-01",
    "[e2e][callbacks]") {
    MockProcess mock({"--clock", "virtual"});
    Receiver rx;
    Admin admin(mock.url());
    ApiClient api(mock.url(), signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    const std::string biz = "biz-e2e";
    auto set = admin.ok("PUT", "/_mock/apps/" + kApp + "/callback?BusinessId=" + biz,
                        {{"URL", rx.url()}, {"SecretKey", kSecret}});
    CHECK(set["Callback"]["BusinessId"] == biz);
    CHECK(admin.ok("GET", "/_mock/apps/" + kApp + "/callback")["Callback"].is_null());  // no default
    const auto app = admin.ok("GET", "/_mock/apps/" + kApp);
    CHECK(app["Callback"].is_null());
    REQUIRE(app["Callbacks"].size() == 1);
    CHECK(app["Callbacks"][0]["BusinessId"] == biz);
    CHECK(app["Callbacks"][0]["SecretKey"] == "***");

    ApiCall start = mk("StartWebcast", "POST",
                       {{"AppId", kApp},
                        {"RoomId", "room-biz"},
                        {"TaskId", "t-biz"},
                        {"UserId", "bot-biz"},
                        {"SourceURL", "https://example.com/live"},
                        {"BusinessId", biz}});
    start.version = "2023-11-01";
    auto r = api.call(start, admin.now());
    INFO(r.body);
    REQUIRE(r.http_status == 200);
    CHECK(r.json["ResponseMetadata"]["Version"] == "2023-11-01");
    admin.advance(1.5);
    auto got = rx.wait_for(1);
    REQUIRE(got.size() == 1);
    CHECK(got[0].signature_ok);
    CHECK(got[0].data["BusinessId"] == biz);
    CHECK(admin.ok("GET", "/_mock/callbacks")["Attempts"][0]["BusinessId"] == biz);
    CHECK(admin.ok("GET", "/_mock/requests?action=StartWebcast")["Requests"][0]["CallbackBusinessId"] == biz);

    ApiCall del = mk("DeleteCallback", "POST", nlohmann::json::object());
    del.query = {{"AppId", kApp}, {"BusinessId", biz}};
    del.use_raw_body = true;  // the Go SDK's empty body
    auto d = api.call(del, admin.now());
    INFO(d.body);
    CHECK(d.http_status == 200);
    CHECK(d.json["Result"] == "ok");
    CHECK(admin.ok("GET", "/_mock/apps/" + kApp + "/callback?BusinessId=" + biz)["Callback"].is_null());
    int status = 0;
    admin.send("GET", "/_mock/apps/" + kApp + "/callback?BusinessId=bad%20id", {}, status);
    CHECK(status == 400);
}

TEST_CASE(
    "acceptance: Status=1 after start, the end after MaxRunningTime, 4 then 5 for a frozen page, 5 for a "
    "crash, nothing with monitoring off, StartTimeout refresh then reschedule; GetWebCastTask follows",
    "[e2e][callbacks]") {
    MockProcess mock({"--clock", "virtual"});
    Receiver rx;
    Admin admin(mock.url());
    admin.set_callback(rx.url());
    ApiClient api(mock.url(), signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    auto start = [&](const std::string& task, nlohmann::json extra) {
        nlohmann::json p = {{"AppId", kApp},
                            {"RoomId", "room-e2e"},
                            {"TaskId", task},
                            {"UserId", "bot-" + task},
                            {"SourceURL", "https://example.com/live"}};
        p.update(extra);
        return api.call(mk("StartWebcast", "POST", p), admin.now());
    };
    auto get_task = [&](const std::string& task) {
        auto r =
            api.call(mk("GetWebCastTask", "GET", {{"AppId", kApp}, {"RoomId", "room-e2e"}, {"TaskId", task}}),
                     admin.now());
        return r.json["Result"]["WebCastTask"];
    };
    auto first = start("basic", {{"MaxRunningTime", 60}});
    INFO(first.body);
    REQUIRE(first.http_status == 200);
    REQUIRE(start("freeze", {{"MonitorConfig", {{"FreezeCheckInterval", 5}}}}).http_status == 200);
    REQUIRE(start("crash", {{"MonitorConfig", {{"CrashCheckInterval", 3}}}}).http_status == 200);
    REQUIRE(start("off", nlohmann::json::object()).http_status == 200);
    REQUIRE(start("timeout", {{"EventNotifyConfig", {{"EnableEventNotify", true}, {"StartTimeout", 10}}}})
                .http_status == 200);
    REQUIRE(get_task("basic")["Status"] == 1);

    admin.advance(2);  // first frames at 1 s
    auto got = rx.wait_until([](const std::vector<Got>& g) { return g.size() >= 4; });
    REQUIRE(statuses_of(got, "basic") == std::vector<std::pair<int, std::string>>{{1, ""}});
    REQUIRE(get_task("basic")["Status"] == 2);
    for (const char* t : {"freeze", "off"})
        admin.ok("POST", "/_mock/tasks/webcast/" + kApp + "/room-e2e/" + t + "/events",
                 {{"Event", "PageFreeze"}});
    for (const char* t : {"crash", "off"})
        admin.ok("POST", "/_mock/tasks/webcast/" + kApp + "/room-e2e/" + t + "/events",
                 {{"Event", "PageCrash"}});

    admin.advance(20);  // t = 22 s
    got = rx.wait_until([](const std::vector<Got>& g) {
        return statuses_of(g, "freeze").size() >= 4 && statuses_of(g, "timeout").size() >= 2;
    });
    for (const auto& g : got) REQUIRE(g.signature_ok);
    using V = std::vector<std::pair<int, std::string>>;
    REQUIRE(statuses_of(got, "freeze") == V{{1, ""}, {4, "PageFreeze"}, {5, "PageFreeze"}, {1, ""}});
    REQUIRE(statuses_of(got, "crash") == V{{1, ""}, {5, "PageCrash"}, {1, ""}});
    REQUIRE(statuses_of(got, "off") == V{{1, ""}});
    REQUIRE(statuses_of(got, "timeout") == V{{4, "StartEventTimeout"}, {5, "StartEventTimeout"}});
    REQUIRE(get_task("timeout")["Status"] == 1);

    admin.advance(40);  // t = 62 s: past MaxRunningTime of "basic"
    got = rx.wait_until([](const std::vector<Got>& g) { return statuses_of(g, "basic").size() >= 2; });
    REQUIRE(statuses_of(got, "basic") == V{{1, ""}, {2, "ExceedMaxRunningTime"}});
    auto basic = get_task("basic");
    REQUIRE(basic["Status"] == 3);
    REQUIRE(basic["StopReason"] == "ExceedMaxRunningTime");

    auto stop = api.call(
        mk("StopWebcast", "POST", {{"AppId", kApp}, {"RoomId", "room-e2e"}, {"TaskId", "off"}}), admin.now());
    REQUIRE(stop.http_status == 200);
    got = rx.wait_until([](const std::vector<Got>& g) { return statuses_of(g, "off").size() >= 2; });
    REQUIRE(statuses_of(got, "off") == V{{1, ""}, {2, "StopByAPI"}});
    REQUIRE(mock.stop() == 0);
}
