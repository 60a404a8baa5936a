// The state engine's contract for the rate limits' windows (core/state/rate_windows.h, docs/rate-limits.md):
// an exact rolling window (a request at t is admitted iff fewer than `limit` admitted requests fall in
// (t - window, t]), checked against a brute-force count for every short pattern of request times and for a
// long seeded random one; refusals spend nothing; retry_after_ms; independent keys; no limit; clear; threads
// on one key; requests that read the clock out of order. Every engine of test::engine_names() is held to it;
// time is plain TimeMs values, nothing sleeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/engines.h"

using namespace rtc;

namespace {

// The specification, by brute force: the admitted instants of one key.
struct BruteForceWindow {
    std::vector<TimeMs> admitted;
    // Admitted or not, and when refused how long until a request would be.
    state::Admission admit(TimeMs t, int limit, std::int64_t window_ms) {
        std::vector<TimeMs> inside;
        for (TimeMs a : admitted)
            if (a > t - window_ms && a <= t) inside.push_back(a);
        if (inside.size() < static_cast<std::size_t>(limit)) {
            admitted.push_back(t);
            return state::Admission{true, limit, 0};
        }
        // The slot frees when the limit-th newest admitted instant leaves the window.
        const TimeMs frees = inside[inside.size() - static_cast<std::size_t>(limit)] + window_ms;
        return state::Admission{false, limit, frees - t};
    }
};

// At most `limit` of `admitted` (sorted) in any window (t - window, t].
bool never_over(const std::vector<TimeMs>& admitted, int limit, std::int64_t window_ms) {
    std::size_t lo = 0;
    for (std::size_t hi = 0; hi < admitted.size(); ++hi) {
        while (admitted[lo] <= admitted[hi] - window_ms) ++lo;
        if (hi - lo + 1 > static_cast<std::size_t>(limit)) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("RateWindows: every short pattern of request times is admitted exactly as the rolling window says",
          "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& windows = e->rate_windows();

    // Every sequence of 6 gaps from {0, 1, 2, 3, 6} ms, for small limits and windows: bursts in one ms,
    // requests on the window's edge, gaps longer than the window.
    const TimeMs gaps[] = {0, 1, 2, 3, 6};
    constexpr int kLength = 6, kGaps = 5;
    // An engine out of process pays a round trip per admit: every 7th pattern of each kind (7 is prime to
    // the 5 gaps, so every gap still comes at every place), which keeps the sanitizer runs in minutes.
    const int stride = engine == "memory" ? 1 : 7;
    int patterns = 0, mismatches = 0;
    std::string first_mismatch;
    TimeMs base = 1000000;
    for (int limit = 1; limit <= 3; ++limit) {
        for (std::int64_t window : {1, 2, 3, 5}) {
            int total = 1;
            for (int i = 0; i < kLength; ++i) total *= kGaps;
            for (int code = 0; code < total; code += stride, base += 1000) {
                const std::string key = "acc\nStartWebcast#" + std::to_string(patterns++);
                BruteForceWindow model;
                TimeMs t = base;
                int c = code;
                for (int i = 0; i < kLength; ++i, c /= kGaps) {
                    t += gaps[c % kGaps];
                    const auto want = model.admit(t, limit, window);
                    const auto got = windows.admit(key, limit, window, t);
                    if (got.admitted != want.admitted ||
                        (!got.admitted && got.retry_after_ms != want.retry_after_ms) || got.limit != limit) {
                        if (mismatches++ == 0)
                            first_mismatch = "limit " + std::to_string(limit) + ", window " +
                                             std::to_string(window) + ", pattern " + std::to_string(code) +
                                             ", request " + std::to_string(i) + ": admitted " +
                                             std::to_string(got.admitted) + " (want " +
                                             std::to_string(want.admitted) + "), retry after " +
                                             std::to_string(got.retry_after_ms) + " (want " +
                                             std::to_string(want.retry_after_ms) + ")";
                    }
                }
            }
        }
    }
    INFO(first_mismatch);
    REQUIRE(patterns == 3 * 4 * ((15625 + stride - 1) / stride));
    REQUIRE(mismatches == 0);
}

TEST_CASE("RateWindows: a long seeded random pattern is admitted exactly as the rolling window says",
          "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& windows = e->rate_windows();
    const int limit = GENERATE(1, 10, 150);
    const std::int64_t window = GENERATE(as<std::int64_t>{}, 1, 1000);
    INFO("limit " << limit << ", window " << window);

    std::mt19937_64 rng(0x5eed + static_cast<std::uint64_t>(limit) * 31 + static_cast<std::uint64_t>(window));
    BruteForceWindow model;
    std::vector<TimeMs> admitted;
    TimeMs t = 1700000000000;
    int mismatches = 0, refused = 0, burst = 0;
    for (int i = 0; i < 4000; ++i) {
        // Requests in the same ms, small steps, now and then a long quiet spell or a burst of 200 at once.
        const auto roll = rng() % 100;
        if (burst > 0) {
            --burst;
        } else if (roll < 2) {
            burst = 200;
        } else {
            t += roll < 40   ? 0
                 : roll < 90 ? static_cast<TimeMs>(rng() % static_cast<std::uint64_t>(window / 10 + 2))
                             : static_cast<TimeMs>(rng() % static_cast<std::uint64_t>(2 * window + 1));
        }
        // The model only ever looks one window back: keep it short.
        if (model.admitted.size() > 4096)
            model.admitted.erase(model.admitted.begin(), model.admitted.end() - 2048);
        const auto want = model.admit(t, limit, window);
        const auto got = windows.admit("acc\nGetWebCastTask", limit, window, t);
        if (got.admitted != want.admitted || (!got.admitted && got.retry_after_ms != want.retry_after_ms))
            ++mismatches;
        if (got.admitted) admitted.push_back(t);
        refused += got.admitted ? 0 : 1;
    }
    REQUIRE(mismatches == 0);
    REQUIRE(refused > 0);
    REQUIRE(never_over(admitted, limit, window));
}

TEST_CASE("RateWindows: a request that read the clock before an admitted one counts at the later instant",
          "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    const std::string key = "acc\nStopWebcast";

    REQUIRE(w.admit(key, 2, 1000, 2000).admitted);
    REQUIRE(w.admit(key, 2, 1000, 1500).admitted);  // read at 1500, reached the window after 2000: at 2000
    auto at_2500 = w.admit(key, 2, 1000, 2500);     // (1500, 2500] holds both
    REQUIRE_FALSE(at_2500.admitted);
    REQUIRE(at_2500.retry_after_ms == 500);
    REQUIRE_FALSE(w.admit(key, 2, 1000, 2999).admitted);
    REQUIRE(w.admit(key, 2, 1000, 3000).admitted);

    // A clock set back by more than a window (a virtual clock moved to an earlier instant) starts afresh.
    REQUIRE(w.admit(key, 2, 1000, 3000).admitted);
    REQUIRE_FALSE(w.admit(key, 2, 1000, 3000).admitted);
    REQUIRE(w.admit(key, 2, 1000, 1000).admitted);
    REQUIRE(w.admit(key, 2, 1000, 1000).admitted);
    REQUIRE_FALSE(w.admit(key, 2, 1000, 1000).admitted);

    // Readings jittered by less than a window against a brute-force count at the effective instants.
    std::mt19937_64 rng(77);
    BruteForceWindow model;
    TimeMs clock = 500000, newest = 0;
    int mismatches = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
        clock += static_cast<TimeMs>(rng() % 40);
        const TimeMs read = clock - static_cast<TimeMs>(rng() % 300);
        const TimeMs effective = std::max(read, newest);
        const auto want = model.admit(effective, 5, 1000);
        const auto got = w.admit("acc\nJitter", 5, 1000, read);
        if (got.admitted != want.admitted) ++mismatches;
        if (want.admitted) newest = effective;
        refused += want.admitted ? 0 : 1;
    }
    REQUIRE(refused > 0);
    REQUIRE(mismatches == 0);
}

TEST_CASE("RateWindows: a refusal spends nothing, and retry_after_ms says when the next request is admitted",
          "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    const std::string key = "2100000001\nStartWBRecord";

    REQUIRE(w.admit(key, 3, 1000, 10000).admitted);
    REQUIRE(w.admit(key, 3, 1000, 10100).admitted);
    REQUIRE(w.admit(key, 3, 1000, 10200).admitted);
    for (TimeMs t = 10200; t < 11000; t += 50) {
        auto a = w.admit(key, 3, 1000, t);
        REQUIRE_FALSE(a.admitted);
        REQUIRE(a.limit == 3);
        REQUIRE(a.retry_after_ms == 11000 - t);
    }
    auto last_refusal = w.admit(key, 3, 1000, 10999);
    REQUIRE_FALSE(last_refusal.admitted);
    REQUIRE(last_refusal.retry_after_ms == 1);
    // Retrying when told is admitted: the oldest admitted request has left the window.
    auto a = w.admit(key, 3, 1000, 10999 + last_refusal.retry_after_ms);
    REQUIRE(a.admitted);
    REQUIRE(a.retry_after_ms == 0);
    REQUIRE(a.limit == 3);
    // Full again until the request of 10100 leaves.
    auto again = w.admit(key, 3, 1000, 11000);
    REQUIRE_FALSE(again.admitted);
    REQUIRE(again.retry_after_ms == 100);
    REQUIRE(w.admit(key, 3, 1000, 11100).admitted);
    REQUIRE(w.admit(key, 3, 1000, 11200).admitted);
    REQUIRE_FALSE(w.admit(key, 3, 1000, 11200).admitted);
}

TEST_CASE("RateWindows: keys are independent", "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    for (int i = 0; i < 5; ++i) REQUIRE(w.admit("acc-1\nStartWebcast", 5, 1000, 500).admitted);
    REQUIRE_FALSE(w.admit("acc-1\nStartWebcast", 5, 1000, 500).admitted);
    for (int i = 0; i < 5; ++i) {
        REQUIRE(w.admit("acc-2\nStartWebcast", 5, 1000, 500).admitted);
        REQUIRE(w.admit("acc-1\nStopWebcast", 5, 1000, 500).admitted);
    }
    REQUIRE_FALSE(w.admit("acc-2\nStartWebcast", 5, 1000, 501).admitted);
    REQUIRE_FALSE(w.admit("acc-1\nStartWebcast", 5, 1000, 501).admitted);
    REQUIRE(w.tracked_keys() == 3);
}

TEST_CASE("RateWindows: a limit of 0 or less admits everything", "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    for (int i = 0; i < 1000; ++i) {
        auto none = w.admit("acc\nStopWBRecord", 0, 1000, 7000);
        REQUIRE(none.admitted);
        REQUIRE(none.limit == 0);
        REQUIRE(none.retry_after_ms == 0);
        auto negative = w.admit("acc\nStopWBRecord", -3, 1000, 7000);
        REQUIRE(negative.admitted);
        REQUIRE(negative.limit <= 0);
    }
    // Unlimited requests left nothing in the window of a later limit.
    REQUIRE(w.admit("acc\nStopWBRecord", 1, 1000, 7000).admitted);
    REQUIRE_FALSE(w.admit("acc\nStopWBRecord", 1, 1000, 7000).admitted);
}

TEST_CASE("RateWindows: clear forgets every window", "[state][ratelimit]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    for (int k = 0; k < 20; ++k)
        for (int i = 0; i < 2; ++i) REQUIRE(w.admit("key-" + std::to_string(k), 2, 1000, 100).admitted);
    REQUIRE_FALSE(w.admit("key-3", 2, 1000, 100).admitted);
    REQUIRE(w.tracked_keys() == 20);
    w.clear();
    REQUIRE(w.tracked_keys() == 0);
    REQUIRE(w.admit("key-3", 2, 1000, 100).admitted);
    REQUIRE(w.admit("key-3", 2, 1000, 100).admitted);
    REQUIRE_FALSE(w.admit("key-3", 2, 1000, 100).admitted);
}

TEST_CASE("RateWindows: threads admitting on one key together admit exactly the limit in each window",
          "[state][ratelimit][race]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    const std::string key = "2100000001\nStartWebcast";
    constexpr int kThreads = 4, kLimit = 20;
    constexpr std::int64_t kWindow = 1000;

    // Every thread fires at the same instant: `t`.
    auto hammer = [&](TimeMs t, int per_thread) {
        std::atomic<int> admitted{0}, ready{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i)
            threads.emplace_back([&] {
                ++ready;
                while (ready.load() < kThreads) std::this_thread::yield();
                for (int n = 0; n < per_thread; ++n)
                    if (w.admit(key, kLimit, kWindow, t).admitted) ++admitted;
            });
        for (auto& th : threads) th.join();
        return admitted.load();
    };

    // Whole windows: each admits exactly the limit.
    for (int window = 0; window < 10; ++window) {
        INFO("window " << window);
        REQUIRE(hammer(1000000 + window * kWindow, 50) == kLimit);
    }
    // Then the window's admissions evenly spread: every step of kSpacing ms frees exactly one slot.
    w.clear();
    constexpr TimeMs kSpacing = kWindow / kLimit;
    for (int i = 0; i < kLimit; ++i) REQUIRE(w.admit(key, kLimit, kWindow, 5000000 + i * kSpacing).admitted);
    int wrong = 0;
    for (int step = 0; step < 150; ++step)
        if (hammer(5000000 + kWindow + step * kSpacing, 5) != 1) ++wrong;
    REQUIRE(wrong == 0);
}

TEST_CASE("RateWindows: two replicas on one state together admit at most the limit in any window",
          "[state][ratelimit][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // shares nothing with another engine
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, {}, prefix);
    auto b = test::make_engine(engine, {}, prefix);
    const std::string key = "2100000001\nStartWebcast";
    constexpr int kLimit = 10;

    // Both replicas' threads at once, at the same instant: exactly the limit, whichever answered.
    std::atomic<int> admitted{0}, ready{0};
    std::vector<std::thread> threads;
    for (auto* w : {&a->rate_windows(), &b->rate_windows(), &a->rate_windows(), &b->rate_windows()})
        threads.emplace_back([&, w] {
            ++ready;
            while (ready.load() < 4) std::this_thread::yield();
            for (int n = 0; n < 25; ++n)
                if (w->admit(key, kLimit, 1000, 50000).admitted) ++admitted;
        });
    for (auto& th : threads) th.join();
    REQUIRE(admitted.load() == kLimit);

    // Alternating replicas along a seeded pattern against the brute-force count.
    std::mt19937_64 rng(11);
    BruteForceWindow model;
    TimeMs t = 100000;
    int mismatches = 0;
    for (int i = 0; i < 2000; ++i) {
        t += static_cast<TimeMs>(rng() % 30);
        auto& w = i % 2 ? b->rate_windows() : a->rate_windows();
        if (w.admit("acc\nShared", 5, 100, t).admitted != model.admit(t, 5, 100).admitted) ++mismatches;
    }
    REQUIRE(mismatches == 0);
    REQUIRE(a->rate_windows().tracked_keys() == 2);
    b->rate_windows().clear();
    REQUIRE(a->rate_windows().tracked_keys() == 0);
}

TEST_CASE("RateWindows: on a shared engine an admission is one round trip",
          "[state][ratelimit][round-trips]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // no round trips in process
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& w = e->rate_windows();
    REQUIRE(w.admit("acc\nStartWebcast", 1, 1000, 100).admitted);  // loads the script
    const auto before = e->round_trips();
    REQUIRE_FALSE(w.admit("acc\nStartWebcast", 1, 1000, 100).admitted);
    REQUIRE(w.admit("acc\nStartWebcast", 1, 1000, 1100).admitted);
    REQUIRE(w.admit("acc\nStartWebcast", 0, 1000, 1100).admitted);  // no limit: no round trip
    REQUIRE(e->round_trips() - before == 2);
}

TEST_CASE(
    "RateWindows: on Redis the windows count on Redis's own TIME (State.RateClock \"server\"), so "
    "replicas whose clocks disagree by an hour still admit at most the limit",
    "[state][ratelimit][replicas]") {
    if (!test::TestRedis::get()) return;  // the Redis engine alone has a server clock
    const std::string prefix = test::fresh_prefix();
    auto settings = test::redis_settings(prefix);
    settings.rate_clock = StateSettings::RateClock::Server;
    auto a = state::redis::make_redis_engine({}, settings);
    auto b = state::redis::make_redis_engine({}, settings);
    // Replica a's clock says 0, b's an hour later, and both wander: the instants they pass are not used.
    const std::int64_t minute = 60000;
    int admitted = 0;
    for (int i = 0; i < 10; ++i) {
        const TimeMs skewed = (i % 2 ? 3600000 : 0) + (i * 7919) % 5000;
        auto& w = i % 2 ? b->rate_windows() : a->rate_windows();
        const auto adm = w.admit("acc\nStartWebcast", 5, minute, skewed);
        if (adm.admitted) {
            ++admitted;
            continue;
        }
        // Refused at Redis's present: the oldest admission leaves the window within the minute.
        REQUIRE(adm.retry_after_ms > 0);
        REQUIRE(adm.retry_after_ms <= minute);
    }
    REQUIRE(admitted == 5);

    // The same pattern on the replicas' own clocks ("replica"): b's hour-later instants find an empty window.
    settings.rate_clock = StateSettings::RateClock::Replica;
    settings.prefix = test::fresh_prefix();
    auto c = state::redis::make_redis_engine({}, settings);
    admitted = 0;
    for (int i = 0; i < 10; ++i)
        if (c->rate_windows()
                .admit("acc\nStartWebcast", 5, minute, (i % 2 ? 3600000 : 0) + (i * 7919) % 5000)
                .admitted)
            ++admitted;
    REQUIRE(admitted > 5);
}
