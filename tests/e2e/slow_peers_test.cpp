#include <catch2/catch.hpp>

#include <httplib.h>

#include <cstring>
#include <vector>

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
    httplib::Client c(mock.url());
    c.set_read_timeout(3, 0);
    for (int i = 0; i < 5; ++i) {
        auto r = c.Get("/_mock/health");
        REQUIRE(r);
        REQUIRE(r->status == 200);
    }
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
    httplib::Client c(mock.url());
    auto r = c.Get("/_mock/health");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    REQUIRE(mock.stop() == 0);
}
