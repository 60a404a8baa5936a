// The rate limit of the real binary under concurrent overload on real time (about 2 s): never more than
// the limit in a rolling second as the client can see it, every 429 with Retry-After, other accounts
// unaffected.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "core/actions/spec.h"
#include "core/clock.h"
#include "http/api_client.h"
#include "support/mock_process.h"

using namespace rtc;
using rtc::test::MockProcess;

namespace {

struct Sample {
    std::int64_t sent_ns;      // before signing: no later than the server's admission
    std::int64_t received_ns;  // after the answer: no earlier than the server's admission
    bool admitted;
};

ApiCall start_webcast() {
    ApiCall c;
    c.action = "StartWebcast";
    c.params = {{"AppId", "600000000000000000000000"},
                {"RoomId", "room1"},
                {"TaskId", "task1"},
                {"UserId", "user1"},
                {"SourceURL", "rtmp://example.com/live/1"}};
    return c;
}

// The most admissions a rolling window can be proved to hold: those whose whole [sent, received] span lies
// inside it. Client jitter can only lower this count, never raise it above the server's. The server counts
// whole milliseconds (a request at 0.9 ms and one at 1000.1 ms are 1000 ms apart on its clock), so the
// window it guarantees in real time is 999 ms long.
int proven_max_per_window(std::vector<Sample> s, std::int64_t window_ns) {
    std::vector<Sample> a;
    for (const auto& x : s)
        if (x.admitted) a.push_back(x);
    int best = 0;
    for (const auto& start : a) {
        const std::int64_t lo = start.sent_ns, hi = lo + window_ns;
        int n = 0;
        for (const auto& x : a)
            if (x.sent_ns >= lo && x.received_ns < hi) ++n;
        best = std::max(best, n);
    }
    return best;
}

// Admissions by receive time in the busiest rolling second (includes client jitter).
int received_max_per_window(const std::vector<Sample>& s, std::int64_t window_ns) {
    std::vector<std::int64_t> t;
    for (const auto& x : s)
        if (x.admitted) t.push_back(x.received_ns);
    std::sort(t.begin(), t.end());
    int best = 0;
    std::size_t lo = 0;
    for (std::size_t hi = 0; hi < t.size(); ++hi) {
        while (t[hi] - t[lo] >= window_ns) ++lo;
        best = std::max(best, static_cast<int>(hi - lo + 1));
    }
    return best;
}

}  // namespace

TEST_CASE(
    "under concurrent overload StartWebcast admits at most its limit per rolling second, every 429 "
    "carries Retry-After and the other account is unaffected",
    "[e2e][ratelimit]") {
    MockProcess mock;
    const int limit = spec::find_action_spec("StartWebcast")->rate_limit;
    const std::int64_t run_ns = 2500LL * 1000 * 1000;
    const std::int64_t window_ns = 1000LL * 1000 * 1000;
    const int threads = 6;

    std::mutex mu;
    std::vector<Sample> samples;
    std::atomic<int> throttled{0}, bad_retry_after{0}, other_errors{0}, other_throttled{0}, other_sent{0};
    const std::int64_t start = steady_now_ns();

    std::vector<std::thread> pool;
    for (int th = 0; th < threads; ++th)
        pool.emplace_back([&] {
            ApiClient client(mock.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
            std::vector<Sample> mine;
            while (steady_now_ns() - start < run_ns) {
                const std::int64_t sent = steady_now_ns();
                ApiReply r = client.call(start_webcast(), system_now_ms());
                const std::int64_t received = steady_now_ns();
                if (r.http_status == 0) {
                    ++other_errors;
                    continue;
                }
                const bool refused = r.http_status == 429;
                if (refused) {
                    ++throttled;
                    if (r.error_code() != "FlowLimitExceeded.QPSOverLimit" || r.retry_after.empty() ||
                        std::stoi(r.retry_after) < 1)
                        ++bad_retry_after;
                }
                mine.push_back({sent, received, !refused});
            }
            std::lock_guard<std::mutex> lock(mu);
            samples.insert(samples.end(), mine.begin(), mine.end());
        });
    // The other account at about a third of the limit, spaced: never throttled.
    pool.emplace_back([&] {
        ApiClient client(mock.url(), {"AKLTOTHERACCOUNT", "OTHERSECRET", ""});
        const std::int64_t gap_ns = 3 * window_ns / limit;
        for (std::int64_t next = start; next - start < run_ns; next += gap_ns) {
            while (steady_now_ns() < next) std::this_thread::yield();
            ApiReply r = client.call(start_webcast(), system_now_ms());
            ++other_sent;
            if (r.http_status == 429) ++other_throttled;
        }
    });
    for (auto& t : pool) t.join();

    const int admitted = static_cast<int>(
        std::count_if(samples.begin(), samples.end(), [](const Sample& s) { return s.admitted; }));
    const int proven = proven_max_per_window(samples, window_ns - 1000 * 1000);
    const int by_receive = received_max_per_window(samples, window_ns);
    std::printf(
        "ratelimit e2e: StartWebcast limit %d, %zu requests in 2.5 s, %d admitted, %d throttled; "
        "admitted per rolling second: max %d proven, %d by receive time; other account %d sent, "
        "%d throttled\n",
        limit, samples.size(), admitted, throttled.load(), proven, by_receive, other_sent.load(),
        other_throttled.load());
    INFO("requests " << samples.size() << ", admitted " << admitted << ", throttled " << throttled);
    REQUIRE(other_errors == 0);
    REQUIRE(throttled > 2 * limit);  // it was overload
    REQUIRE(bad_retry_after == 0);
    REQUIRE(proven <= limit);
    // By receive time, client jitter moves answers across the window edge (+5% seen on a loaded 2-core box);
    // the exact check is the proven count above, this one only catches gross excess.
    REQUIRE(by_receive <= limit + limit / 5);
    // 2.5 s of overload open three windows: the first at the start, then at +1 s and +2 s.
    REQUIRE(admitted >= 3 * limit * 85 / 100);
    REQUIRE(admitted <= 3 * limit);
    REQUIRE(other_sent > limit / 2);
    REQUIRE(other_throttled == 0);
}
