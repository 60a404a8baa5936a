#include <catch2/catch.hpp>

#include <httplib.h>

#include <cstring>
#include <string>
#include <vector>

#include "http/api_client.h"
#include "support/api_calls.h"
#include "support/mock_process.h"
#include "support/raw_http.h"

using rtc::test::connect_loopback;
using rtc::test::MockProcess;

TEST_CASE("two hundred idle or half-sent connections do not stop the mock from answering others",
          "[e2e][slow]") {
    MockProcess mock;
    std::vector<int> fds;
    for (int i = 0; i < 200; ++i) {
        int fd = connect_loopback(mock.port());
        REQUIRE(fd >= 0);
        // Half of them send the start of a request and then nothing (slowloris); the rest send nothing at
        // all.
        if (i % 2 == 0) {
            const char* partial =
                "POST /?Action=StartWebcast&Version=2020-12-01 HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            REQUIRE(send(fd, partial, strlen(partial), 0) > 0);
        }
        fds.push_back(fd);
    }
    for (int i = 0; i < 5; ++i) REQUIRE(mock.healthy());
    for (int fd : fds) close(fd);
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("a connection closed in the middle of its body does not disturb the mock", "[e2e][slow]") {
    MockProcess mock;
    for (int i = 0; i < 20; ++i) {
        int fd = connect_loopback(mock.port());
        REQUIRE(fd >= 0);
        const char* head =
            "POST /?Action=StartWebcast&Version=2020-12-01 HTTP/1.1\r\nHost: x\r\nContent-Type: "
            "application/json\r\nContent-Length: 1000\r\n\r\n{\"AppId\":";
        REQUIRE(send(fd, head, strlen(head), 0) > 0);
        close(fd);
    }
    REQUIRE(mock.healthy());
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("a callback receiver that takes connections and never answers holds its deliveries, not the API",
          "[e2e][slow]") {
    // A listening socket nobody accepts from: connects complete in the kernel, requests are never read.
    int sink = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(sink >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(sink, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    REQUIRE(listen(sink, 256) == 0);
    socklen_t len = sizeof(addr);
    REQUIRE(getsockname(sink, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string sink_url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/cb";

    MockProcess mock;
    const std::string app = "600000000000000000000000";
    httplib::Client admin(mock.url());
    auto set = admin.Put(("/_mock/apps/" + app + "/callback").c_str(),
                         nlohmann::json{{"URL", sink_url}, {"SecretKey", "k"}}.dump(), "application/json");
    REQUIRE(set);
    REQUIRE(set->status == 200);
    std::vector<std::string> events;
    for (int i = 0; i < 20; ++i) {
        auto r = admin.Post(("/_mock/apps/" + app + "/callback/test").c_str(),
                            R"({"EventData":{"Status":1}})", "application/json");
        REQUIRE(r);
        REQUIRE(r->status / 100 == 2);
        events.push_back(nlohmann::json::parse(r->body)["EventId"]);
    }

    // While those deliveries hang, the API answers (and its tasks' callbacks queue behind them).
    rtc::ApiClient client(mock.url(), rtc::signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    client.set_timeout_ms(3000);
    for (int i = 0; i < 30; ++i) {
        auto reply = client.call(rtc::test::start_webcast_call("t" + std::to_string(i)), mock.now_ms());
        INFO(reply.body << reply.transport_error);
        REQUIRE(reply.http_status == 200);
    }

    // Each hanging delivery ends at Callbacks.TimeoutMs (5 s) as a failed attempt with its retry scheduled.
    nlohmann::json attempts = mock.callback_attempts(events.front(), 1, 15000);
    REQUIRE(attempts.size() >= 1);
    INFO(attempts.dump());
    CHECK(attempts[0]["Outcome"] == "retrying");
    CHECK(attempts[0]["HttpStatus"] == 0);
    CHECK_FALSE(attempts[0]["Error"].get<std::string>().empty());
    CHECK(mock.healthy());
    // Sends still hanging are recorded as abandoned after Callbacks.ShutdownFlushMs.
    REQUIRE(mock.stop() == 0);
    close(sink);
}
