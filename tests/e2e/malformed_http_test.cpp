// Broken HTTP and broken JSON on the wire, from raw sockets: every one gets a 4xx in the API's envelope, the
// mock journals each answer and keeps serving.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

#include "core/signing/signer.h"
#include "support/mock_process.h"
#include "support/raw_http.h"

using rtc::test::MockProcess;
using rtc::test::raw_exchange;
using rtc::test::require_4xx_envelope;

namespace {

const char* kStart = "/?Action=StartWebcast&Version=2020-12-01";

// A valid StartWebcast body with `field` set to the raw JSON text `value` (the fuzzers' favourite spot).
std::string webcast_body_with(const std::string& field, const std::string& value,
                              const std::string& task = "t1") {
    std::string body = R"({"AppId":"600000000000000000000000","RoomId":"r","TaskId":")" + task +
                       R"(","UserId":"u","SourceURL":"https://example.com")";
    if (!field.empty()) body += ",\"" + field + "\":" + value;
    return body + "}";
}

// `body` POSTed as StartWebcast, properly signed at the mock's time: only the body is wrong.
std::string signed_post(const MockProcess& mock, const std::string& body) {
    rtc::signing::OutgoingRequest out;
    out.host = "127.0.0.1:" + std::to_string(mock.port());
    out.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    out.headers = {{"Content-Type", "application/json"}};
    out.body = body;
    auto s = rtc::signing::sign_headers(out, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, mock.now_ms());
    std::string wire = "POST /?" + s.query + " HTTP/1.1\r\nHost: " + out.host + "\r\n";
    for (const auto& h : s.headers)
        if (h.name != "Host") wire += h.name + ": " + h.value + "\r\n";
    return wire + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A literal with NULs in it, whole (std::string(const char*) would stop at the first).
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

std::string post(const std::string& target, const std::string& headers, const std::string& body) {
    return "POST " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body;
}

long journal_count(const MockProcess& mock) {
    httplib::Client c(mock.url());
    auto r = c.Get("/_mock/requests/count");
    REQUIRE(r);
    return nlohmann::json::parse(r->body)["Count"].get<long>();
}

}  // namespace

TEST_CASE("broken request framing gets a 4xx envelope and the mock keeps serving", "[e2e][malformed]") {
    MockProcess mock;
    const std::string deep(100000, '[');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"binary request line", bytes("\x00\x01\x02garbage\r\n\r\n")},
        {"request line without a version", "GET /\r\n\r\n"},
        {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
        {"an unknown method", "BREW /?Action=StartWebcast&Version=2020-12-01 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"OPTIONS", "OPTIONS / HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"Content-Length that is not a number", post(kStart, "Content-Length: abc\r\n", "{}")},
        {"negative Content-Length", post(kStart, "Content-Length: -5\r\n", "{}")},
        {"Content-Length beyond 2^64", post(kStart, "Content-Length: 99999999999999999999\r\n", "{}")},
        {"two Content-Lengths", post(kStart, "Content-Length: 2\r\nContent-Length: 5\r\n", "{}")},
        {"a chunk size that is not hex",
         post(kStart, "Transfer-Encoding: chunked\r\n", "ZZ\r\nxx\r\n0\r\n\r\n")},
        {"a chunk size past 2^64",
         post(kStart, "Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFFFF\r\nxx\r\n0\r\n\r\n")},
        {"a 70 KB header line",
         post(kStart, "X-A: " + std::string(70000, 'a') + "\r\nContent-Length: 0\r\n", "")},
        {"500 headers", post(
                            kStart,
                            [] {
                                std::string h;
                                for (int i = 0; i < 500; ++i) h += "X-H" + std::to_string(i) + ": v\r\n";
                                return h + "Content-Length: 0\r\n";
                            }(),
                            "")},
        {"a NUL in the query",
         bytes("GET /?Action=Start\0Webcast&Version=2020-12-01 HTTP/1.1\r\nHost: x\r\n\r\n")},
        {"broken percent-encoding", "GET /?Action=%ZZ&Version=%&%%%=1 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"query bytes that are not UTF-8",
         "GET /?Action=\xff\xfe&Version=2020-12-01 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"a 100 KB URI", "GET /?Action=StartWebcast&Version=2020-12-01&X=" + std::string(100000, 'a') +
                             " HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"an unsigned 200 KB nested body",
         post(kStart, "Content-Length: 200000\r\n", deep + std::string(100000, ']'))},
    };
    const long before = journal_count(mock);
    // 15 s: a Content-Length past the body limit is answered (413) only after the read timeout (10 s), since
    // cpp-httplib 0.11 first drains the length the client declared.
    for (const auto& [what, bytes] : cases) require_4xx_envelope(what, raw_exchange(mock.port(), bytes, 15));
    // Every answer above went through the service, so each is in the journal.
    CHECK(journal_count(mock) - before == static_cast<long>(cases.size()));
    CHECK(mock.healthy());
    REQUIRE(mock.stop() == 0);
}

TEST_CASE("a properly signed body that is not valid JSON for the action gets a 4xx envelope, never a 5xx",
          "[e2e][malformed]") {
    MockProcess mock;
    // The base body is valid: the same request without the damage starts a task.
    auto ok = raw_exchange(mock.port(), signed_post(mock, webcast_body_with("", "", "t0")));
    INFO(ok.body);
    REQUIRE(ok.status == 200);

    const std::string deep_array = std::string(200000, '[') + std::string(200000, ']');
    std::string deep_object;
    for (int i = 0; i < 50000; ++i) deep_object += "{\"a\":";
    deep_object = "{\"FreezeCheckInterval\":" + deep_object + "1" + std::string(50001, '}');
    const std::vector<std::pair<std::string, std::string>> bodies = {
        {"an empty body", ""},
        {"a cut-off object", R"({"AppId":"600000000000000000000000","RoomId":)"},
        {"an array", "[]"},
        {"null", "null"},
        {"a string", "\"StartWebcast\""},
        {"a top-level 400 KB nested array", deep_array},
        {"a 400 KB nested array as VideoSolutions", webcast_body_with("VideoSolutions", deep_array)},
        {"50,000 nested objects as MonitorConfig.FreezeCheckInterval",
         webcast_body_with("MonitorConfig", deep_object)},
        {"a string that is not UTF-8", webcast_body_with("BusinessId", "\"\xff\xfe\"")},
        {"a number past double", webcast_body_with("MaxRunningTime", "1e999")},
        {"an integer past 2^64", webcast_body_with("MaxRunningTime", "99999999999999999999999")},
        {"a fraction where an integer belongs", webcast_body_with("MaxRunningTime", "60.5")},
        {"a NUL escaped into an ID",
         R"({"AppId":"600000000000000000000000","RoomId":"r\u0000","TaskId":"t2",)"
         R"("UserId":"u","SourceURL":"https://example.com"})"},
        {"a lone surrogate escape", webcast_body_with("BusinessId", R"("\ud800")")},
        {"trailing garbage after the object", webcast_body_with("", "") + "}}}"},
    };
    for (const auto& [what, body] : bodies)
        require_4xx_envelope(what, raw_exchange(mock.port(), signed_post(mock, body)));
    REQUIRE(mock.stop() == 0);
}
