// The rate limiter: cost per admit (one thread; many threads on one key; many threads on their own keys)
// and accuracy at 50x overload on virtual time (admitted per rolling second, as counters).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "core/actions/spec.h"
#include "core/ratelimit/limiter.h"
#include "core/state/memory/rate_windows.h"

using namespace rtc;

namespace {
const TimeMs kT0 = 1767225600000;
const RateLimitConfig kConfig;  // the defaults: enabled, 1000 ms window, declared limits

// The limiter over windows of its own in memory (the memory engine's).
struct Limiter {
    state::memory::MemoryRateWindows windows;
    RateLimiter limiter{kConfig, windows};
    Admission admit(const std::string& account, const std::string& action, int limit, TimeMs now) {
        return limiter.admit(account, action, limit, now);
    }
};

int start_webcast_limit() {
    return spec::find_action_spec("StartWebcast")->rate_limit;
}
}  // namespace

// One thread, one key at 50x its limit: virtual time moves 1 ms every (50 x limit / 1000) calls.
static void BM_AdmitOneThread(benchmark::State& state) {
    Limiter limiter;
    const int limit = start_webcast_limit();
    const std::int64_t calls_per_ms = std::max(1, 50 * limit / 1000);
    const std::string account = "2100000001", action = "StartWebcast";
    std::int64_t i = 0, admitted = 0;
    for (auto _ : state) {
        Admission a = limiter.admit(account, action, limit, kT0 + i++ / calls_per_ms);
        admitted += a.admitted;
    }
    state.counters["admitted_share"] = static_cast<double>(admitted) / static_cast<double>(i);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AdmitOneThread);

// Many threads on the same key: the worst case, they all need the same window.
static void BM_AdmitContendedOneKey(benchmark::State& state) {
    static Limiter* limiter = nullptr;
    static std::atomic<std::int64_t> calls{0};
    if (state.thread_index() == 0) {
        limiter = new Limiter();
        calls = 0;
    }
    const int limit = start_webcast_limit();
    const std::int64_t calls_per_ms = std::max(1, 50 * limit / 1000);
    const std::string account = "2100000001", action = "StartWebcast";
    for (auto _ : state) {
        const std::int64_t n = calls.fetch_add(1, std::memory_order_relaxed);
        benchmark::DoNotOptimize(limiter->admit(account, action, limit, kT0 + n / calls_per_ms));
    }
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0) {
        delete limiter;
        limiter = nullptr;
    }
}
BENCHMARK(BM_AdmitContendedOneKey)->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();

// Many threads, each its own account: the shards keep them apart.
static void BM_AdmitOwnKeys(benchmark::State& state) {
    static Limiter* limiter = nullptr;
    if (state.thread_index() == 0) limiter = new Limiter();
    const int limit = start_webcast_limit();
    const std::int64_t calls_per_ms = std::max(1, 50 * limit / 1000);
    const std::string account = "21000000" + std::to_string(10 + state.thread_index());
    const std::string action = "StartWebcast";
    std::int64_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(limiter->admit(account, action, limit, kT0 + i++ / calls_per_ms));
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0) {
        delete limiter;
        limiter = nullptr;
    }
}
BENCHMARK(BM_AdmitOwnKeys)->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();

// Accuracy: 20 virtual seconds of requests evenly spread at 50x the limit (ms clock); every rolling second
// (t - 1000, t] ending on each millisecond after the first second is counted.
static void BM_AccuracyAt50xOverload(benchmark::State& state) {
    const int limit = start_webcast_limit();
    const std::int64_t seconds = 20, rate = 50LL * limit;
    std::vector<int> per_ms(static_cast<std::size_t>(seconds * 1000), 0);
    for (auto _ : state) {
        Limiter limiter;
        std::fill(per_ms.begin(), per_ms.end(), 0);
        for (std::int64_t r = 0; r < seconds * rate; ++r) {
            const std::int64_t ms = r * 1000 / rate;
            if (limiter.admit("2100000001", "StartWebcast", limit, kT0 + ms).admitted) ++per_ms[ms];
        }
    }
    int window = 0, max_w = 0, min_w = limit * 1000;
    double sum = 0;
    std::int64_t windows = 0, total = 0;
    for (std::size_t ms = 0; ms < per_ms.size(); ++ms) {
        window += per_ms[ms];
        total += per_ms[ms];
        if (ms >= 1000) window -= per_ms[ms - 1000];
        if (ms >= 999) {
            max_w = std::max(max_w, window);
            min_w = std::min(min_w, window);
            sum += window;
            ++windows;
        }
    }
    state.counters["limit"] = limit;
    state.counters["offered_per_s"] = static_cast<double>(rate);
    state.counters["admitted_max_per_rolling_s"] = max_w;
    state.counters["admitted_min_per_rolling_s"] = min_w;
    state.counters["admitted_avg_per_rolling_s"] = sum / static_cast<double>(windows);
    state.counters["admitted_per_s_overall"] = static_cast<double>(total) / static_cast<double>(seconds);
}
BENCHMARK(BM_AccuracyAt50xOverload)->Unit(benchmark::kMillisecond);
