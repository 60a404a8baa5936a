// The cost the admin features add to every API request: journal record, metrics, fault matching.
#include <benchmark/benchmark.h>

#include "../../tests/support/service_harness.h"
#include "core/state/memory/fault_rules.h"
#include "core/state/memory/journal_ring.h"

using namespace rtc;

// Recording into a full ring (the steady state of a long run): one allocation, one pointer swap, one free.
static void BM_JournalRecordFull(benchmark::State& state) {
    state::memory::JournalRing journal(10000);
    JournalEntry e;
    e.action = "StartWebcast";
    e.body = std::string(200, 'x');
    e.headers = {{"Host", "127.0.0.1"}, {"Content-Type", "application/json"}, {"X-Date", "20260101T000000Z"}};
    for (int i = 0; i < 10000; ++i) journal.record(JournalEntry(e));
    for (auto _ : state) journal.record(JournalEntry(e));
}
BENCHMARK(BM_JournalRecordFull)->Threads(1)->Threads(2);

static void BM_MetricsObserve(benchmark::State& state) {
    static Metrics metrics;
    for (auto _ : state) metrics.observe_request("StartWebcast", "ok", 200, 0.0004);
}
BENCHMARK(BM_MetricsObserve)->Threads(1)->Threads(2);

// Fault matching with `rules` rules in force, none of which takes the request.
static void BM_FaultMatchMiss(benchmark::State& state) {
    state::memory::MemoryFaultRules set;
    std::string error;
    for (int i = 0; i < state.range(0); ++i) {
        auto r = faults::parse_fault_rule({{"Type", "error"}, {"Action", "StopWebcast"}}, error);
        set.add(std::move(*r), 0, error);
    }
    for (auto _ : state) {
        if (!set.empty()) benchmark::DoNotOptimize(set.match("StartWebcast", "2100000001", "", 0));
    }
}
BENCHMARK(BM_FaultMatchMiss)->Arg(0)->Arg(1)->Arg(10);

// The whole pipeline (signature check included) for a signed request, with and without fault rules.
static void BM_HandleSigned(benchmark::State& state) {
    test::ServiceHarness h(10000);
    for (int i = 0; i < state.range(0); ++i) h.add_fault({{"Type", "error"}, {"Action", "StopWebcast"}});
    ApiRequest req = h.signed_request(test::kOkAction, {{"AppId", "600000000000000000000000"}});
    for (auto _ : state) benchmark::DoNotOptimize(h.service->handle(req));
}
BENCHMARK(BM_HandleSigned)->Arg(0)->Arg(10);
