// The verifier's choices beyond the corpus: the Node SDK variants and their switches, the journal's
// diagnostics, the signing-key cache, and the presigned form the signer produces.
#include <catch2/catch.hpp>

#include <thread>

#include "core/config.h"
#include "core/crypto.h"
#include "core/service.h"
#include "core/service_parts.h"
#include "core/signing/canonical.h"
#include "core/signing/key_cache.h"
#include "core/signing/signer.h"
#include "core/signing/verifier.h"
#include "core/timefmt.h"

using namespace rtc;

namespace {

const signing::Credentials kLocal{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""};
const TimeMs kAt = *parse_x_date("20241201T000010Z");

Config fixture_config() {
    return load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
}

// The signed request as the server receives it.
ApiRequest received(const signing::OutgoingRequest& out_req, const signing::SignedOutput& out) {
    ApiRequest req;
    req.method = out_req.method;
    req.path = "/";
    req.raw_query = out.query;
    for (const auto& h : out.headers) req.headers.push_back({h.name, trim(h.value)});
    req.body = out_req.body;
    return req;
}

signing::OutgoingRequest start_webcast() {
    signing::OutgoingRequest req;
    req.host = "127.0.0.1:8080";
    req.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    req.headers = {{"Content-Type", "application/json"}};
    req.body = R"({"AppId":"600000000000000000000000","RoomId":"r","TaskId":"t"})";
    return req;
}

ServiceDeps on_virtual_clock(TimeMs at) {
    ServiceDeps deps;
    deps.clock = std::make_shared<VirtualClock>(at);
    return deps;
}

// The fixture's mock on a virtual clock at kAt, and what its journal holds.
struct Mock {
    ServiceParts parts{fixture_config(), on_virtual_clock(kAt)};
    MockService service{parts};

    ApiResponse handle(const ApiRequest& req) { return service.handle(req); }
    // The journal, oldest first.
    std::vector<JournalEntryPtr> journal() const { return parts.engine->journal().query({}).entries; }
};

signing::Verdict verify(const Config& config, const ApiRequest& req) {
    VirtualClock clock(kAt);
    signing::Verifier verifier(config.identity, config.signature, config.accounts,
                               config.temporary_credentials, clock);
    return verifier.verify(req, parse_query(req.raw_query));
}

}  // namespace

TEST_CASE("a header value with inner whitespace runs is accepted whether the client collapsed them or not",
          "[signing]") {
    auto req = start_webcast();
    req.headers.push_back({"X-Request-Id", "a  b \t c"});
    const Config config = fixture_config();
    // Node SDK: signs x-request-id with the run collapsed.
    auto node = signing::sign_headers(req, kLocal, {}, kAt, signing::HeaderConvention::Node);
    REQUIRE_THAT(node.canonical_request, Catch::Contains("x-request-id:a b c\n"));
    auto v = verify(config, received(req, node));
    CHECK(v.ok);
    CHECK(v.variant == "collapsed-whitespace");
    // The published rule (docs/service-facts.md §2, trimmed only): the same request signed with the value as
    // sent.
    signing::CanonicalInput in;
    in.method = "POST";
    in.path = "/";
    in.query = req.query;
    in.headers = {{"x-date", "20241201T000010Z"}, {"x-request-id", "a  b \t c"}};
    in.payload_hash = sha256_hex(req.body);
    REQUIRE_THAT(signing::canonical_request(in), Catch::Contains("x-request-id:a  b \t c\n"));

    SECTION("the switch off refuses the collapsed form") {
        Config strict = config;
        strict.signature.accept_collapsed_header_whitespace = false;
        CHECK(verify(strict, received(req, node)).error.reason == "SignatureMismatch");
    }
}

TEST_CASE("a repeated query key signed with its values sorted is accepted unless the switch is off",
          "[signing]") {
    signing::OutgoingRequest req;
    req.method = "GET";
    req.host = "127.0.0.1:8080";
    req.query = {{"Action", "GetWebCastTask"}, {"Version", "2020-12-01"}, {"Tag", "b"}, {"Tag", "a"}};
    auto out = signing::sign_headers(req, kLocal, {}, kAt);
    REQUIRE_THAT(out.query, Catch::Contains("Tag=b&Tag=a"));
    // Re-sign the way the Node SDK does: values sorted in the canonical query, received order on the wire.
    signing::OutgoingRequest sorted = req;
    sorted.query = {{"Action", "GetWebCastTask"}, {"Version", "2020-12-01"}, {"Tag", "a"}, {"Tag", "b"}};
    auto sdk = signing::sign_headers(sorted, kLocal, {}, kAt);
    sdk.query = out.query;
    Config config = fixture_config();
    CHECK(verify(config, received(req, out)).variant == "");
    auto v = verify(config, received(req, sdk));
    CHECK(v.ok);
    CHECK(v.variant == "sorted-repeated-values");
    config.signature.accept_sorted_repeated_values = false;
    CHECK(verify(config, received(req, sdk)).error.reason == "SignatureMismatch");
}

TEST_CASE(
    "the presigned form has no signed header, so its canonical request has four newlines before the hash",
    "[signing]") {
    signing::OutgoingRequest req;
    req.method = "GET";
    req.host = "127.0.0.1:8080";
    req.query = {{"Action", "GetWebCastTask"}, {"Version", "2020-12-01"}};
    auto out = signing::sign_query(req, kLocal, {}, kAt);
    REQUIRE_THAT(out.canonical_request,
                 Catch::EndsWith("X-SignedHeaders=\n\n\n\n" + std::string(signing::kEmptyBodySha256)));
    // As Signer#getSignUrl: no X-Expires, X-SignedQueries then X-Signature last.
    CHECK(out.query.find("X-Expires") == std::string::npos);
    CHECK_THAT(out.query,
               Catch::Contains("&X-SignedQueries=Action%3BVersion%3BX-Algorithm%3BX-Credential%3BX-Date%3B"
                               "X-NotSignBody%3BX-SignedHeaders&X-Signature="));
    CHECK(verify(fixture_config(), received(req, out)).ok);
}

TEST_CASE("a presigned URL whose X-Expires is not signed, or that lacks a signed parameter, is refused",
          "[signing]") {
    signing::OutgoingRequest req;
    req.method = "GET";
    req.host = "127.0.0.1:8080";
    req.query = {{"Action", "GetWebCastTask"}, {"Version", "2020-12-01"}, {"TaskId", "t"}};
    auto out = signing::sign_query(req, kLocal, {}, kAt);
    auto unsigned_expires = out;
    unsigned_expires.query += "&X-Expires=86400";
    CHECK(verify(fixture_config(), received(req, unsigned_expires)).error.reason == "ExpiresNotSigned");
    auto dropped = out;
    dropped.query.replace(dropped.query.find("&TaskId=t"), 9, "");
    CHECK(verify(fixture_config(), received(req, dropped)).error.reason == "SignedQueryMissing");
}

TEST_CASE("on a signature mismatch the journal keeps the server's canonical request and string to sign",
          "[signing]") {
    Mock service;
    auto req = start_webcast();
    auto out = signing::sign_headers(req, {kLocal.access_key, "NOTTHESECRET", ""}, {}, kAt);
    auto expected = signing::sign_headers(req, kLocal, {}, kAt);  // what the server computes
    ApiResponse resp = service.handle(received(req, out));
    REQUIRE(resp.status == 401);
    auto entries = service.journal();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]->signature_verdict == signing::SignatureVerdict::Mismatch);
    CHECK(entries[0]->canonical_request == expected.canonical_request);
    CHECK(entries[0]->string_to_sign == expected.string_to_sign);
    // Diagnostics stay out of the Message unless switched on, and never include the secret.
    CHECK(resp.body.find("CanonicalRequest") == std::string::npos);
    CHECK(resp.body.find("LOCALMOCKSECRET") == std::string::npos);

    SECTION("a correct signature leaves them out of the journal") {
        service.handle(received(req, expected));
        auto all = service.journal();
        CHECK(all.back()->signature_verdict == signing::SignatureVerdict::Ok);
        CHECK(all.back()->canonical_request.empty());
    }
}

TEST_CASE(
    "the signing-key cache signs as the derived key does, stays bounded per thread and is safe across "
    "threads",
    "[signing]") {
    signing::SigningKeyCache cache;
    const std::string direct = signing::signing_key("SECRET", "20241201", "cn-north-1", "rtc");
    const Sha256Digest expected = HmacSha256(direct).sign("string to sign");
    CHECK(cache.get("SECRET", "20241201", "cn-north-1", "rtc").sign("string to sign") == expected);
    CHECK(cache.get("SECRET", "20241201", "cn-north-1", "rtc").sign("string to sign") == expected);
    CHECK(cache.get("SECRET", "20241202", "cn-north-1", "rtc").sign("string to sign") != expected);
    CHECK(cache.size() == 2);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 200; ++i) {
                const std::string secret = "S" + std::to_string(t), date = std::to_string(i % 20);
                const std::string key = signing::signing_key(secret, date, "r", "s");
                if (cache.get(secret, date, "r", "s").sign("x") != HmacSha256(key).sign("x")) std::abort();
            }
            if (cache.size() > signing::SigningKeyCache::kPerThread) std::abort();
        });
    for (auto& th : threads) th.join();
    CHECK(cache.size() <= signing::SigningKeyCache::kPerThread);
    // Another cache (another config) never hands out this one's keys.
    signing::SigningKeyCache other;
    CHECK(other.size() == 0);
    CHECK(cache.get("SECRET", "20241201", "cn-north-1", "rtc").sign("string to sign") == expected);
}

TEST_CASE("every journal entry of a signed request names its form, whichever check refused it", "[signing]") {
    Mock service;
    auto req = start_webcast();
    auto journaled = [&](ApiRequest r) {
        service.handle(r);
        return *service.journal().back();
    };

    // Query form: refused for a missing X-Date (before any signature is computed) and for a wrong secret.
    auto presigned = signing::sign_query(req, kLocal, {}, kAt, 900);
    ApiRequest no_date = received(req, presigned);
    QueryParams kept;
    for (auto& p : parse_query(no_date.raw_query))
        if (p.first != "X-Date") kept.push_back(p);
    no_date.raw_query = canonical_query(kept);
    JournalEntry e = journaled(no_date);
    CHECK(e.error_code == "MissingRequestInfo");
    CHECK(e.signature_form == signing::SignatureForm::Query);
    CHECK(e.signature_verdict == signing::SignatureVerdict::Invalid);
    CHECK(e.to_json()["Signature"]["Form"] == "query");

    e = journaled(received(req, signing::sign_query(req, {kLocal.access_key, "WRONG", ""}, {}, kAt, 900)));
    CHECK(e.signature_form == signing::SignatureForm::Query);
    CHECK(e.signature_verdict == signing::SignatureVerdict::Mismatch);

    // Header form: refused for a missing X-Date.
    ApiRequest header_no_date = received(req, signing::sign_headers(req, kLocal, {}, kAt));
    std::vector<Header> headers;
    for (auto& h : header_no_date.headers)
        if (!iequals(h.name, "X-Date")) headers.push_back(h);
    header_no_date.headers = headers;
    e = journaled(header_no_date);
    CHECK(e.error_code == "MissingRequestInfo");
    CHECK(e.signature_form == signing::SignatureForm::Header);
    CHECK(e.signature_verdict == signing::SignatureVerdict::Invalid);

    // Nothing signed at all: the one entry without a form.
    ApiRequest bare = header_no_date;
    bare.headers.clear();
    e = journaled(bare);
    CHECK(e.signature_form == signing::SignatureForm::None);
    CHECK(e.signature_verdict == signing::SignatureVerdict::Unsigned);
}

TEST_CASE("a body-hash mismatch keeps the hash received and the hash computed in the journal", "[signing]") {
    Mock service;
    auto req = start_webcast();
    ApiRequest tampered = received(req, signing::sign_headers(req, kLocal, {}, kAt));
    tampered.body += " ";
    service.handle(tampered);
    JournalEntry e = *service.journal().back();
    CHECK(e.error_code == "SignatureDoesNotMatch");
    CHECK(e.body_hash_received == sha256_hex(req.body));
    CHECK(e.body_hash_computed == sha256_hex(tampered.body));
    CHECK(e.to_json()["Signature"]["BodyHashComputed"] == sha256_hex(tampered.body));
}
