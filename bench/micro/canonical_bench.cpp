#include <benchmark/benchmark.h>

#include "core/crypto.h"
#include "core/signing/canonical.h"
#include "core/uri.h"

using namespace rtc;

namespace {
const char* kBody =
    R"({"AppId":"600000000000000000000000","RoomId":"room1","TaskId":"task1","UserId":"webcast_1",)"
    R"("SourceURL":"https://example.com/page"})";
}

// The canonical request of a signed StartWebcast as the verifier rebuilds it (body hash excluded).
static void BM_CanonicalRequest(benchmark::State& state) {
    signing::CanonicalInput in;
    in.method = "POST";
    in.path = "/";
    in.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    in.headers = {{"content-type", "application/json"},
                  {"host", "127.0.0.1:8080"},
                  {"x-content-sha256", "0f0e2a5f4b1ad3c8e1a1f8b1c4e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1"},
                  {"x-date", "20241201T000000Z"}};
    in.payload_hash = std::string(signing::kEmptyBodySha256);
    for (auto _ : state) {
        std::string c = signing::canonical_request(in);
        benchmark::DoNotOptimize(c);
    }
}
BENCHMARK(BM_CanonicalRequest);

// Query parsing and canonical re-encoding of a GetWebCastTask query (five parameters).
static void BM_CanonicalQuery(benchmark::State& state) {
    const std::string raw =
        "Action=GetWebCastTask&Version=2020-12-01&AppId=600000000000000000000000&RoomId=room%201&TaskId=task-"
        "1";
    for (auto _ : state) {
        QueryParams q = parse_query(raw);
        std::string c = canonical_query(q);
        benchmark::DoNotOptimize(c);
    }
}
BENCHMARK(BM_CanonicalQuery);

// The body hash every signed POST needs (X-Content-Sha256), on a typical StartWebcast body.
static void BM_PayloadSha256(benchmark::State& state) {
    const std::string body = kBody;
    for (auto _ : state) {
        std::string h = sha256_hex(body);
        benchmark::DoNotOptimize(h);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_PayloadSha256);
