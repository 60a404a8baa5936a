// The whole pipeline without sockets: MockService::handle on a signed request (route, verify the signature,
// rate limit, act, envelope, journal), with the load-test fixture on a virtual clock. The requests are signed
// before timing starts, so these figures are the mock's cost alone.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/service.h"
#include "core/service_parts.h"
#include "core/signing/signer.h"

using namespace rtc;

namespace {

constexpr const char* kAppId = "600000000000000000000000";
constexpr std::size_t kBatch = 1 << 14;  // distinct requests, cycled

// A mock's parts and the pipeline over them (the benchmarks reach into the parts to preload and forget).
struct Mock {
    std::unique_ptr<ServiceParts> parts;
    std::unique_ptr<MockService> service;
    ApiResponse handle(const ApiRequest& req) { return service->handle(req); }
    TimeMs now() const { return parts->clock->now_ms(); }
};

std::unique_ptr<Mock> make_service() {
    Config cfg = load_config_file(std::string(RTC_SOURCE_DIR) + "/bench/config/bench.json");
    ServiceDeps deps;
    deps.clock = std::make_shared<VirtualClock>(1733011200000LL);
    auto m = std::make_unique<Mock>();
    m->parts = std::make_unique<ServiceParts>(std::move(cfg), std::move(deps));
    m->service = std::make_unique<MockService>(*m->parts);
    return m;
}

ApiRequest signed_request(const std::string& method, const std::string& action, const QueryParams& extra,
                          const std::string& body, TimeMs at) {
    signing::OutgoingRequest out;
    out.method = method;
    out.host = "127.0.0.1:8080";
    out.query = {{"Action", action}, {"Version", "2020-12-01"}};
    out.query.insert(out.query.end(), extra.begin(), extra.end());
    out.body = body;
    if (method == "POST") out.headers.push_back({"Content-Type", "application/json"});
    signing::SignedOutput s = signing::sign_headers(out, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, at);
    ApiRequest req;
    req.method = method;
    req.path = "/";
    req.raw_query = s.query;
    req.headers = s.headers;
    req.headers.push_back({"User-Agent", "rtc-micro-bench"});
    if (method == "POST") req.headers.push_back({"Content-Length", std::to_string(body.size())});
    req.body = body;
    req.remote_addr = "127.0.0.1";
    return req;
}

std::string start_body(const std::string& task) {
    return nlohmann::json{{"AppId", kAppId},
                          {"RoomId", "room1"},
                          {"TaskId", task},
                          {"UserId", "webcast_1"},
                          {"SourceURL", "https://example.com/page"}}
        .dump();
}

// Fills the store directly (as N earlier StartWebcast calls would), so lookups run against N tasks.
void preload(Mock& svc, std::int64_t n, TimeMs now) {
    webcast::WebcastSpec spec;
    spec.app_id = kAppId;
    spec.room_id = "preload-room";
    spec.user_id = "webcast_pre";
    spec.source_url = "https://example.com/page";
    spec.video_solutions.push_back({});
    for (std::int64_t i = 0; i < n; ++i) {
        spec.task_id = "pre-" + std::to_string(i);
        svc.parts->webcast.start(spec, "2100000001", now);
    }
}

// One service per store size, kept across the framework's repeated calls of a benchmark, so a million tasks
// are stored once rather than at every iteration-count trial.
Mock& service_with(const std::string& bench, std::int64_t stored) {
    static std::map<std::pair<std::string, std::int64_t>, std::unique_ptr<Mock>> cache;
    auto& slot = cache[{bench, stored}];
    if (!slot) {
        slot = make_service();
        preload(*slot, stored, slot->now());
    }
    return *slot;
}

}  // namespace

// A signed StartWebcast with a TaskId of its own, through handle(); Arg = tasks already stored.
static void BM_PipelineStartWebcast(benchmark::State& state) {
    Mock* svc = &service_with("start", state.range(0));
    const TimeMs now = svc->now();
    std::vector<ApiRequest> reqs;
    reqs.reserve(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i)
        reqs.push_back(
            signed_request("POST", "StartWebcast", {}, start_body("bench-" + std::to_string(i)), now));
    std::size_t i = 0;
    for (auto _ : state) {
        ApiResponse r = svc->handle(reqs[i++ % kBatch]);
        benchmark::DoNotOptimize(r.body);
    }
    state.counters["stored_tasks"] = static_cast<double>(svc->parts->webcast.counts().stored);
    // The label is the HTTP status the pipeline answers (500 until the action handlers exist).
    state.SetLabel(std::to_string(svc->handle(reqs[0]).status));
}
BENCHMARK(BM_PipelineStartWebcast)->Arg(0)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

// A signed StartWebcast that creates a task every time (the load test's path): a batch of distinct TaskIds,
// the tasks forgotten (outside the timing) whenever the batch starts over.
static void BM_PipelineStartWebcastNewTask(benchmark::State& state) {
    auto svc = make_service();
    const TimeMs now = svc->now();
    std::vector<ApiRequest> reqs;
    reqs.reserve(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i)
        reqs.push_back(
            signed_request("POST", "StartWebcast", {}, start_body("new-" + std::to_string(i)), now));
    std::size_t i = 0;
    for (auto _ : state) {
        if (i == kBatch) {
            state.PauseTiming();
            svc->parts->engine->webcast_tasks().clear();
            i = 0;
            state.ResumeTiming();
        }
        ApiResponse r = svc->handle(reqs[i++]);
        benchmark::DoNotOptimize(r.body);
    }
    state.SetLabel(std::to_string(svc->handle(reqs[0]).status));
}
BENCHMARK(BM_PipelineStartWebcastNewTask)->Unit(benchmark::kMicrosecond);

// A signed GetWebCastTask of a stored task; Arg = tasks stored.
static void BM_PipelineGetWebCastTask(benchmark::State& state) {
    const std::int64_t n = std::max<std::int64_t>(state.range(0), 1);
    Mock* svc = &service_with("get", n);
    const TimeMs now = svc->now();
    std::vector<ApiRequest> reqs;
    reqs.reserve(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i)
        reqs.push_back(signed_request(
            "GET", "GetWebCastTask",
            {{"AppId", kAppId}, {"RoomId", "preload-room"}, {"TaskId", "pre-" + std::to_string(i % n)}}, "",
            now));
    std::size_t i = 0;
    for (auto _ : state) {
        ApiResponse r = svc->handle(reqs[i++ % kBatch]);
        benchmark::DoNotOptimize(r.body);
    }
    state.SetLabel(std::to_string(svc->handle(reqs[0]).status));
}
BENCHMARK(BM_PipelineGetWebCastTask)->Arg(1)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

// The cheapest answer: a request refused at routing (no Action), still enveloped and journaled.
static void BM_PipelineMissingAction(benchmark::State& state) {
    auto svc = make_service();
    ApiRequest req;
    req.method = "POST";
    req.path = "/";
    req.raw_query = "Version=2020-12-01";
    req.body = "{}";
    for (auto _ : state) {
        ApiResponse r = svc->handle(req);
        benchmark::DoNotOptimize(r.body);
    }
}
BENCHMARK(BM_PipelineMissingAction)->Unit(benchmark::kMicrosecond);
