// Request signatures over real HTTP: both forms and both SDK conventions from the project's signer, temporary
// credentials, the X-Date window on the virtual clock, and hostile Authorization headers (always a 4xx
// envelope).
#include <catch2/catch.hpp>

#include <httplib.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "core/timefmt.h"
#include "http/api_client.h"
#include "support/mock_process.h"
#include "support/raw_http.h"
#include "support/text_file.h"

using namespace rtc;
using rtc::test::MockProcess;
using rtc::test::raw_exchange;
using rtc::test::require_4xx_envelope;
using rtc::test::source_path;

namespace {

const signing::Credentials kLocal{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""};
const signing::Credentials kSts{"AKLTSTSLOCALMOCK", "STSLOCALSECRET", "STSTOKENLOCALMOCK"};
const signing::Credentials kStsExpired{"AKLTSTSEXPIRED", "STSEXPIREDSECRET", "STSTOKENEXPIRED"};
const std::vector<std::string> kSecrets = {"LOCALMOCKSECRET", "OTHERSECRET", "STSLOCALSECRET",
                                           "STSEXPIREDSECRET", "DISABLEDSECRET"};
const std::set<std::string> kSignatureFamily = {
    "MissingAuthenticationToken", "MissingRequestInfo",    "MissingSignature", "InvalidTimestamp",
    "InvalidAccessKey",           "SignatureDoesNotMatch", "ServiceNotFound"};

ApiCall start_webcast(const std::string& task) {
    ApiCall call;
    call.action = "StartWebcast";
    call.params = {{"AppId", "600000000000000000000000"},
                   {"RoomId", "room-e2e"},
                   {"TaskId", task},
                   {"UserId", "bot"},
                   {"SourceURL", "https://example.com/page?a=1&b=2"}};
    return call;
}

ApiCall get_task_with_hard_query() {
    ApiCall call;
    call.action = "GetWebCastTask";
    call.method = "GET";
    call.params = {{"AppId", "600000000000000000000000"},
                   {"RoomId", "room e2e+1"},
                   {"TaskId", "t/1?x=y&z"},
                   {"Note", "中文 直播😀 *~!'()"},
                   {"Tag", {"b", "a"}}};
    return call;
}

void advance(const MockProcess& mock, double seconds) {
    httplib::Client c(mock.url());
    auto r = c.Post("/_mock/clock/advance", nlohmann::json{{"Seconds", seconds}}.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
}

bool accepted(const ApiReply& r) {
    // Accepted as far as signing goes: past the signature check (the action may still refuse the body or
    // the task state with its own error).
    return r.http_status > 0 && kSignatureFamily.count(r.error_code()) == 0;
}

// A POST StartWebcast whose Authorization header (or any other header) is replaced by `auth`.
std::string post_with_auth(const std::string& auth, const std::string& x_date,
                           const std::string& extra = "") {
    const std::string body = R"({"AppId":"600000000000000000000000"})";
    return "POST /?Action=StartWebcast&Version=2020-12-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nX-Date: " +
           x_date + "\r\nAuthorization: " + auth + "\r\n" + extra +
           "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

std::string temp_path(const std::string& name) {
    return "/tmp/rtc-signing-e2e-" + std::to_string(getpid()) + "-" + name;
}

}  // namespace

TEST_CASE("requests signed by the project's signer are accepted in both forms and both SDK conventions",
          "[e2e][signing]") {
    MockProcess mock;
    const TimeMs now = mock.now_ms();
    for (auto convention : {signing::HeaderConvention::GoPythonJava, signing::HeaderConvention::Node}) {
        ApiClient client(mock.url(), kLocal);
        client.set_convention(convention);
        auto post = client.call(start_webcast("sig-e2e-post"), now);
        INFO("POST: " << post.body);
        CHECK(accepted(post));
        auto get = client.call(get_task_with_hard_query(), now);
        INFO("GET: " << get.body);
        CHECK(accepted(get));
    }
    for (long long expires : {0LL, 600LL}) {
        ApiClient client(mock.url(), kLocal);
        client.set_query_form(true, expires);
        auto get = client.call(get_task_with_hard_query(), now);
        INFO("presigned GET, X-Expires " << expires << ": " << get.body);
        CHECK(accepted(get));
    }
}

TEST_CASE(
    "temporary credentials are accepted with their token and refused expired, without or with a wrong token",
    "[e2e][signing]") {
    MockProcess mock;
    const TimeMs now = mock.now_ms();
    {
        ApiClient client(mock.url(), kSts);
        CHECK(accepted(client.call(start_webcast("sig-e2e-sts"), now)));
        client.set_query_form(true);
        CHECK(accepted(client.call(get_task_with_hard_query(), now)));
    }
    ApiClient expired(mock.url(), kStsExpired);
    auto r = expired.call(start_webcast("sig-e2e-sts-expired"), now);
    CHECK(r.http_status == 401);
    CHECK(r.error_code() == "InvalidAccessKey");
    ApiClient wrong(mock.url(), {kSts.access_key, kSts.secret_key, "NOTTHETOKEN"});
    CHECK(wrong.call(start_webcast("sig-e2e-sts-wrong"), now).error_code() == "InvalidAccessKey");
    ApiClient none(mock.url(), {kSts.access_key, kSts.secret_key, ""});
    CHECK(none.call(start_webcast("sig-e2e-sts-none"), now).error_code() == "MissingAuthenticationToken");
}

TEST_CASE("X-Date is accepted 900 s either side of the server time and refused at 901 s", "[e2e][signing]") {
    MockProcess mock({"--clock", "virtual"});
    ApiClient client(mock.url(), kLocal);
    const TimeMs now = mock.now_ms();
    CHECK(accepted(client.call(start_webcast("skew-past-900"), now - 900'000)));
    CHECK(accepted(client.call(start_webcast("skew-future-900"), now + 900'000)));
    auto past = client.call(start_webcast("skew-past-901"), now - 901'000);
    CHECK(past.error_code() == "InvalidTimestamp");
    CHECK(past.http_status == 400);
    CHECK(client.call(start_webcast("skew-future-901"), now + 901'000).error_code() == "InvalidTimestamp");

    // The same signed request ages on the server's clock.
    signing::OutgoingRequest req = client.build(start_webcast("skew-aging"));
    auto out = signing::sign_headers(req, kLocal, {}, now);
    CHECK(accepted(client.send("POST", out.query, out.headers, req.body)));
    advance(mock, 900);
    CHECK(accepted(client.send("POST", out.query, out.headers, req.body)));
    advance(mock, 1);
    CHECK(client.send("POST", out.query, out.headers, req.body).error_code() == "InvalidTimestamp");

    // A presigned URL lives X-Expires seconds (default 900).
    ApiClient presigned(mock.url(), kLocal);
    presigned.set_query_form(true);
    const TimeMs later = mock.now_ms();
    signing::OutgoingRequest g = presigned.build(get_task_with_hard_query());
    auto url = signing::sign_query(g, kLocal, {}, later);
    CHECK(accepted(presigned.send("GET", url.query, url.headers, "")));
    advance(mock, 900);
    CHECK(accepted(presigned.send("GET", url.query, url.headers, "")));
    advance(mock, 1);
    CHECK(presigned.send("GET", url.query, url.headers, "").error_code() == "InvalidTimestamp");
}

TEST_CASE(
    "malformed Authorization headers, bad signatures, impossible dates, huge and garbage headers get a 4xx "
    "envelope, never a 5xx",
    "[e2e][signing]") {
    const std::string log = temp_path("hostile.log");
    {
        MockProcess mock({"--verbose"}, source_path("fixtures/default.json"), log);
        const std::string x_date = format_x_date(mock.now_ms());
        const std::string good_cred =
            "Credential=AKLTLOCALMOCK/" + x_date.substr(0, 8) + "/cn-north-1/rtc/request";
        const std::vector<std::string> auths = {
            "",
            "HMAC-SHA256",
            "HMAC-SHA256 ",
            "Bearer abc",
            "HMAC-SHA256 Credential",
            "HMAC-SHA256 ,,,,,,",
            "HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
            "HMAC-SHA256 Credential=////, SignedHeaders=x-date, Signature=00",
            "HMAC-SHA256 Credential=a/b/c/d/e/f/g, SignedHeaders=x-date, Signature=00",
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=x-date, Signature=" + std::string(64, 'z'),
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=x-date, Signature=" + std::string(64, 'A'),
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=x-date, Signature=" + std::string(6000, 'a'),
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=" + std::string(3000, ';') + ", Signature=00",
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=no-such-header;x-date, Signature=00",
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=x-date, Signature=\xff\xfe\x01",
            "HMAC-SHA256 Credential=" + std::string(6000, 'K') + ", SignedHeaders=x-date, Signature=00",
            "HMAC-SHA256 Credential=AKLTLOCALMOCK/\xe4\xb8\xad/cn-north-1/rtc/request, SignedHeaders=x-date, "
            "Signature=00",
        };
        for (const auto& auth : auths)
            require_4xx_envelope("Authorization: " + auth.substr(0, 80),
                                 raw_exchange(mock.port(), post_with_auth(auth, x_date)));
        const std::string auth =
            "HMAC-SHA256 " + good_cred + ", SignedHeaders=x-date, Signature=" + std::string(64, '0');
        const std::vector<std::string> dates = {
            "20241399T999999Z", "20240230T000000Z",     "99999999T999999Z",    "0", "-1",
            "20241201T000000",  "2024-12-01T00:00:00Z", std::string(5000, '9')};
        for (const auto& date : dates)
            require_4xx_envelope("X-Date: " + date.substr(0, 40),
                                 raw_exchange(mock.port(), post_with_auth(auth, date)));
        // 64 KB values: a signed header, an unsigned one, and the Authorization header itself.
        const std::string big(64 * 1024, 'v');
        require_4xx_envelope(
            "64 KB X-Request-Id",
            raw_exchange(mock.port(), post_with_auth(auth, x_date, "X-Request-Id: " + big + "\r\n")));
        require_4xx_envelope("64 KB Authorization",
                             raw_exchange(mock.port(), post_with_auth(auth + big, x_date)));
        require_4xx_envelope(
            "garbage header bytes",
            raw_exchange(mock.port(), post_with_auth(auth, x_date, "X-\x01\x02: \x7f\xff\xc0\r\n")));
        // The mock is still up and answering.
        ApiClient client(mock.url(), kLocal);
        CHECK(accepted(client.call(start_webcast("after-hostile"), mock.now_ms())));
    }
    const std::string logged = rtc::testing::read_text(log);
    std::remove(log.c_str());
    for (const auto& secret : kSecrets) CHECK(logged.find(secret) == std::string::npos);
}

TEST_CASE(
    "with Signature.DiagnosticsInMessage on, a mismatch's Message carries the server's canonical request and "
    "string to sign, never the secret",
    "[e2e][signing]") {
    auto config = nlohmann::json::parse(rtc::testing::read_text(source_path("fixtures/default.json")));
    config["Signature"]["DiagnosticsInMessage"] = true;
    const std::string path = temp_path("diagnostics.json");
    std::ofstream(path) << config.dump(2);
    MockProcess mock({}, path);
    std::remove(path.c_str());

    ApiClient wrong_secret(mock.url(), {kLocal.access_key, "NOTTHESECRET", ""});
    const TimeMs now = mock.now_ms();
    signing::OutgoingRequest req = wrong_secret.build(start_webcast("diagnostics"));
    auto server_side = signing::sign_headers(req, kLocal, {}, now);  // what the server computes
    auto r = wrong_secret.call(start_webcast("diagnostics"), now);
    REQUIRE(r.error_code() == "SignatureDoesNotMatch");
    const std::string message = r.json["ResponseMetadata"]["Error"]["Message"];
    CHECK_THAT(message, Catch::Contains(server_side.canonical_request));
    CHECK_THAT(message, Catch::Contains(server_side.string_to_sign));
    for (const auto& secret : kSecrets) CHECK(r.body.find(secret) == std::string::npos);

    // Off by default: the Message says what failed and nothing more.
    MockProcess plain;
    ApiClient other(plain.url(), {kLocal.access_key, "NOTTHESECRET", ""});
    auto p = other.call(start_webcast("diagnostics-off"), plain.now_ms());
    REQUIRE(p.error_code() == "SignatureDoesNotMatch");
    CHECK(p.json["ResponseMetadata"]["Error"]["Message"].get<std::string>().find("CanonicalRequest") ==
          std::string::npos);
}
