#include <benchmark/benchmark.h>

#include "core/signing/signer.h"
#include "core/timefmt.h"

using namespace rtc;

// Client-side signing of a typical StartWebcast request (header form).
static void BM_SignStartWebcast(benchmark::State& state) {
    signing::OutgoingRequest req;
    req.host = "127.0.0.1:8080";
    req.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    req.headers = {{"Content-Type", "application/json"}};
    req.body =
        R"({"AppId":"600000000000000000000000","RoomId":"room1","TaskId":"task1","UserId":"webcast_1",)"
        R"("SourceURL":"https://example.com/page"})";
    const TimeMs at = *parse_x_date("20241201T000000Z");
    for (auto _ : state) {
        auto out = signing::sign_headers(req, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, at);
        benchmark::DoNotOptimize(out.signature);
    }
}
BENCHMARK(BM_SignStartWebcast);
