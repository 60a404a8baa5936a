// The web inspector's server side on the real binary: the page and its files, the live event stream
// (GET /_mock/events) with its bound, its shutdown, and one journal entry by Seq. What a person sees in the
// browser is tested by tests/browser/ (scripts/test.d/70-inspector.sh).
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>

#include "core/signing/signer.h"
#include "http/api_client.h"
#include "support/api_calls.h"
#include "support/mock_process.h"
#include "support/raw_http.h"

using namespace rtc;
using rtc::test::MockProcess;

namespace {

// An open GET /_mock/events on a raw socket, read as far as needed.
class EventStream {
  public:
    explicit EventStream(const MockProcess& mock, const std::string& token = "") {
        fd_ = rtc::test::connect_loopback(mock.port(), 1);
        REQUIRE(fd_ >= 0);
        std::string req = "GET /_mock/events HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
        REQUIRE(rtc::test::send_all(fd_, req + "\r\n"));
    }
    ~EventStream() { close_now(); }
    void close_now() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    // Reads until `text` has arrived (true) or `timeout_ms` passed or the stream ended (false).
    bool wait_for(const std::string& text, int timeout_ms = 5000) {
        char buf[8192];
        for (int waited = 0; waited < timeout_ms; waited += 1000) {
            if (received_.find(text) != std::string::npos) return true;
            ssize_t n = recv(fd_, buf, sizeof(buf), 0);
            if (n == 0) return received_.find(text) != std::string::npos;
            if (n > 0) {
                received_.append(buf, static_cast<std::size_t>(n));
                waited -= 1000;  // only silent seconds count
            }
        }
        return received_.find(text) != std::string::npos;
    }
    const std::string& received() const { return received_; }

  private:
    int fd_ = -1;
    std::string received_;
};

httplib::Result get(const MockProcess& mock, const std::string& path, const std::string& token = "") {
    httplib::Client c(mock.url());
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return c.Get(path.c_str(), headers);
}

}  // namespace

TEST_CASE("the inspector page and its files are served from the binary behind the admin guard",
          "[e2e][inspector]") {
    MockProcess mock;
    auto page = get(mock, "/_mock/ui/");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    REQUIRE(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    REQUIRE(page->body.find("<title>rtc-mock inspector</title>") != std::string::npos);
    REQUIRE(page->body.find("data-token-required=\"no\"") != std::string::npos);
    // The actions the mock serves, for the page's suggestions, without a call.
    const auto actions_at = page->body.find("data-actions=\"");
    REQUIRE(actions_at != std::string::npos);
    const std::string actions =
        page->body.substr(actions_at, page->body.find('"', actions_at + 14) - actions_at);
    REQUIRE(actions.find("GetWebCastTask") != std::string::npos);
    REQUIRE(actions.find("StartWebcast") != std::string::npos);
    REQUIRE(page->get_header_value("Content-Security-Policy").find("default-src 'self'") !=
            std::string::npos);

    auto script = get(mock, "/_mock/ui/inspector.js");
    REQUIRE(script);
    REQUIRE(script->status == 200);
    REQUIRE(script->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    REQUIRE(script->body.find("import") != std::string::npos);

    auto missing = get(mock, "/_mock/ui/nothing.js");
    REQUIRE(missing);
    REQUIRE(missing->status == 404);
    REQUIRE(nlohmann::json::parse(missing->body)["error"] == "no inspector file nothing.js");

    auto bare = get(mock, "/_mock/ui");
    REQUIRE(bare);
    REQUIRE(bare->status == 301);
    REQUIRE(bare->get_header_value("Location") == "/_mock/ui/");
}

TEST_CASE("with an admin token the page asks for it and the stream requires it", "[e2e][inspector]") {
    MockProcess mock({"--admin-token", "s3cret"});
    auto page = get(mock, "/_mock/ui/");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    REQUIRE(page->body.find("data-token-required=\"yes\"") != std::string::npos);

    auto refused = get(mock, "/_mock/events");
    REQUIRE(refused);
    REQUIRE(refused->status == 401);

    EventStream stream(mock, "s3cret");
    REQUIRE(stream.wait_for("event: hello"));
    REQUIRE(stream.received().find("Content-Type: text/event-stream") != std::string::npos);
}

TEST_CASE("a request answered after the stream opened arrives on it as a row", "[e2e][inspector]") {
    MockProcess mock;
    EventStream stream(mock);
    REQUIRE(stream.wait_for("event: hello"));
    ApiClient client(mock.url(), signing::Credentials{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    ApiReply reply = client.call(rtc::test::start_webcast_call("inspected"), mock.now_ms());
    REQUIRE(reply.http_status == 200);
    const std::string request_id = reply.json["ResponseMetadata"]["RequestId"];
    REQUIRE(stream.wait_for(request_id));
    REQUIRE(stream.received().find("event: requests") != std::string::npos);
    REQUIRE(stream.received().find("\"Action\":\"StartWebcast\"") != std::string::npos);
    // The rates arrive once a second.
    REQUIRE(stream.wait_for("event: stats"));
}

TEST_CASE("streams past the bound are refused with 503 and a JSON error", "[e2e][inspector]") {
    MockProcess mock({"--event-streams", "1"});
    auto first = std::make_unique<EventStream>(mock);
    REQUIRE(first->wait_for("event: hello"));
    auto second = get(mock, "/_mock/events");
    REQUIRE(second);
    REQUIRE(second->status == 503);
    REQUIRE(second->get_header_value("Retry-After") == "5");
    const std::string error = nlohmann::json::parse(second->body)["error"];
    REQUIRE(error.find("too many event streams open (1 of 1)") != std::string::npos);

    // The slot frees once the server notices the client has gone (its next write fails).
    first.reset();
    bool admitted = false;
    for (int i = 0; i < 50 && !admitted; ++i) {
        EventStream again(mock);
        admitted = again.wait_for("event: hello", 1000);
        if (!admitted) usleep(100 * 1000);
    }
    REQUIRE(admitted);
}

TEST_CASE("an open stream does not hold shutdown: it is told goodbye and the mock exits 0",
          "[e2e][inspector]") {
    MockProcess mock;
    EventStream stream(mock);
    REQUIRE(stream.wait_for("event: hello"));
    REQUIRE(mock.stop() == 0);
    REQUIRE(stream.wait_for("event: bye"));
}

TEST_CASE("one journal entry is read by its Seq", "[e2e][inspector]") {
    MockProcess mock;
    ApiClient client(mock.url(), signing::Credentials{"AKLTLOCALMOCK", "WRONGSECRET", ""});
    ApiReply reply = client.call(rtc::test::start_webcast_call("t"), mock.now_ms());
    REQUIRE(reply.http_status == 401);
    auto list = get(mock, "/_mock/requests?limit=1");
    REQUIRE(list);
    const auto seq = nlohmann::json::parse(list->body)["Requests"][0]["Seq"].get<std::uint64_t>();
    auto one = get(mock, "/_mock/requests/" + std::to_string(seq));
    REQUIRE(one);
    REQUIRE(one->status == 200);
    auto entry = nlohmann::json::parse(one->body);
    REQUIRE(entry["ErrorCode"] == "SignatureDoesNotMatch");
    REQUIRE(entry["Signature"]["CanonicalRequest"].get<std::string>().rfind("POST\n/\n", 0) == 0);
    auto gone = get(mock, "/_mock/requests/" + std::to_string(seq + 100));
    REQUIRE(gone);
    REQUIRE(gone->status == 404);
}
