#include <benchmark/benchmark.h>

#include "core/envelope.h"
#include "core/errors.h"

using namespace rtc;

namespace {
ResponseMeta meta() {
    return ResponseMeta{"20241201000000AB12CD34EF56", "StartWebcast", "2020-12-01", "rtc", "cn-north-1"};
}
}  // namespace

// The success envelope of a Start/Stop action (`"Result":"ok"`).
static void BM_SuccessEnvelopeOk(benchmark::State& state) {
    const ResponseMeta m = meta();
    const nlohmann::json result = "ok";
    for (auto _ : state) {
        std::string body = success_envelope(m, result);
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(BM_SuccessEnvelopeOk);

// The success envelope of GetWebCastTask: a task object with its settings.
static void BM_SuccessEnvelopeTask(benchmark::State& state) {
    const ResponseMeta m = meta();
    const nlohmann::json result = {
        {"WebCastTask",
         {{"StartTime", 1733011200000LL},
          {"EndTime", 0},
          {"Status", 2},
          {"StopReason", ""},
          {"UserId", "webcast_1"},
          {"SourceURL", "https://example.com/page"},
          {"MaxRunningTime", 86400},
          {"VideoSolutions", {{{"Width", 1280}, {"Height", 720}, {"FrameRate", 15}, {"Bitrate", 0}}}},
          {"EventNotifyConfig", {{"EnableEventNotify", false}, {"StartTimeout", 0}}},
          {"MonitorConfig",
           {{"FreezeCheckInterval", 0}, {"BlankCheckInterval", 0}, {"CrashCheckInterval", 0}}}}}};
    for (auto _ : state) {
        std::string body = success_envelope(m, result);
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(BM_SuccessEnvelopeTask);

// An error envelope (a failed signature: the most frequent error under load).
static void BM_ErrorEnvelope(benchmark::State& state) {
    const ResponseMeta m = meta();
    ErrorCatalog catalog;
    const ErrorDef& def = catalog.lookup("SignatureMismatch");
    for (auto _ : state) {
        std::string body = error_envelope(m, def, "the request signature we calculated does not match");
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(BM_ErrorEnvelope);

// A fresh RequestId: every response needs one.
static void BM_NewRequestId(benchmark::State& state) {
    long long t = 1733011200000LL;
    for (auto _ : state) {
        std::string id = new_request_id(t);
        benchmark::DoNotOptimize(id);
    }
}
BENCHMARK(BM_NewRequestId);
