// Server-side signature verification of a typical StartWebcast request (target: under 5 microseconds), and
// the canonicalisation steps it is made of.
#include <benchmark/benchmark.h>

#include "core/config.h"
#include "core/signing/canonical.h"
#include "core/signing/signer.h"
#include "core/signing/verifier.h"
#include "core/timefmt.h"

using namespace rtc;

namespace {

const TimeMs kAt = *parse_x_date("20241201T000010Z");

signing::OutgoingRequest start_webcast() {
    signing::OutgoingRequest req;
    req.host = "127.0.0.1:8080";
    req.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    req.headers = {{"Content-Type", "application/json"}};
    req.body =
        R"({"AppId":"600000000000000000000000","RoomId":"room1","TaskId":"task1","UserId":"webcast_1",)"
        R"("SourceURL":"https://example.com/page?x=1","MaxIdleTime":180,"Stream":{"Width":1280,"Height":720}})";
    return req;
}

// The request as the HTTP layer hands it to the verifier, signed the Go/Python/Java way or the Node way.
ApiRequest received(signing::HeaderConvention convention) {
    auto out_req = start_webcast();
    auto out = signing::sign_headers(out_req, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, kAt, convention);
    ApiRequest req;
    req.method = "POST";
    req.path = "/";
    req.raw_query = out.query;
    req.headers = out.headers;
    req.headers.push_back({"User-Agent", "bench"});
    req.headers.push_back({"Content-Length", std::to_string(out_req.body.size())});
    req.body = out_req.body;
    return req;
}

Config bench_config() {
    return load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
}

void verify_loop(benchmark::State& state, signing::HeaderConvention convention) {
    const Config config = bench_config();
    VirtualClock clock(kAt);
    signing::Verifier verifier(config.identity, config.signature, config.accounts,
                               config.temporary_credentials, clock);
    const ApiRequest req = received(convention);
    if (!verifier.verify(req, parse_query(req.raw_query)).ok) {
        state.SkipWithError("the benchmark request does not verify");
        return;
    }
    for (auto _ : state) {
        // What MockService::handle does per request: decode the query, then verify.
        auto verdict = verifier.verify(req, parse_query(req.raw_query));
        benchmark::DoNotOptimize(verdict.ok);
    }
}

}  // namespace

// Typical StartWebcast, Go/Python/Java convention (content-type;host;x-content-sha256;x-date).
static void BM_VerifyStartWebcast(benchmark::State& state) {
    verify_loop(state, signing::HeaderConvention::GoPythonJava);
}
BENCHMARK(BM_VerifyStartWebcast);

// The same request as the Node SDK signs it (x-content-sha256;x-date).
static void BM_VerifyStartWebcastNode(benchmark::State& state) {
    verify_loop(state, signing::HeaderConvention::Node);
}
BENCHMARK(BM_VerifyStartWebcastNode);

// A wrong signature costs the same as a right one (plus the journal's copy of the canonical request).
static void BM_VerifyStartWebcastMismatch(benchmark::State& state) {
    const Config config = bench_config();
    VirtualClock clock(kAt);
    signing::Verifier verifier(config.identity, config.signature, config.accounts,
                               config.temporary_credentials, clock);
    ApiRequest req = received(signing::HeaderConvention::GoPythonJava);
    for (auto& h : req.headers)
        if (h.name == "Authorization") h.value.back() = h.value.back() == '0' ? '1' : '0';
    for (auto _ : state) {
        auto verdict = verifier.verify(req, parse_query(req.raw_query));
        benchmark::DoNotOptimize(verdict.ok);
    }
}
BENCHMARK(BM_VerifyStartWebcastMismatch);

// Canonicalisation alone: decoding the query and building the canonical request.
static void BM_CanonicalRequestStartWebcast(benchmark::State& state) {
    const ApiRequest req = received(signing::HeaderConvention::GoPythonJava);
    signing::CanonicalInput in;
    in.method = "POST";
    in.path = "/";
    in.query = parse_query(req.raw_query);
    for (const char* name : {"content-type", "host", "x-content-sha256", "x-date"})
        in.headers.emplace_back(name, *req.header(name));
    in.payload_hash = std::string(signing::kEmptyBodySha256);
    for (auto _ : state) {
        auto cr = signing::canonical_request(in);
        benchmark::DoNotOptimize(cr.data());
    }
}
BENCHMARK(BM_CanonicalRequestStartWebcast);

// A GET query with reserved, non-ASCII and repeated keys: decode, escape and sort.
static void BM_CanonicalQueryHardGet(benchmark::State& state) {
    const std::string raw =
        "Action=GetWebCastTask&Version=2020-12-01&AppId=600000000000000000000000&RoomId=room+1&"
        "TaskId=t%2F1%3Fx%3Dy&Note=%E4%B8%AD%E6%96%87*~!'()&Tag=b&Tag=a";
    for (auto _ : state) {
        auto cq = canonical_query(parse_query(raw));
        benchmark::DoNotOptimize(cq.data());
    }
}
BENCHMARK(BM_CanonicalQueryHardGet);

// Deriving the signing key (what the key cache saves on every request).
static void BM_SigningKeyDerivation(benchmark::State& state) {
    for (auto _ : state) {
        auto key = signing::signing_key("LOCALMOCKSECRET", "20241201", "cn-north-1", "rtc");
        benchmark::DoNotOptimize(key.data());
    }
}
BENCHMARK(BM_SigningKeyDerivation);
