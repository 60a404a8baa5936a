// The documented rate limits (docs/service-facts.md §4) on the virtual clock: exact rolling window per
// account and action, through the pipeline (signed requests into MockService::handle) and on the limiter
// directly.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "core/actions/spec.h"
#include "core/config.h"
#include "core/ratelimit/limiter.h"
#include "core/service.h"
#include "core/service_parts.h"
#include "core/signing/signer.h"
#include "core/state/memory/rate_windows.h"
#include "support/service_harness.h"

using namespace rtc;

using Json = nlohmann::json;
using state::memory::MemoryRateWindows;
using state::memory::SlidingWindow;

namespace {

const TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z, on a second boundary
const std::string kAccount1 = "2100000001";
const std::string kAccount2 = "2100000002";
const signing::Credentials kCreds1{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""};
const signing::Credentials kCreds2{"AKLTOTHERACCOUNT", "OTHERSECRET", ""};

int declared(const std::string& action) {
    const spec::ActionSpec* s = spec::find_action_spec(action);
    REQUIRE(s != nullptr);
    return s->rate_limit;
}

nlohmann::json fixture_doc() {
    return test::fixture_json();
}

// A mock on a virtual clock at kT0, with the fixture's RateLimits section patched.
struct Mock {
    explicit Mock(const nlohmann::json& rate_limits_patch = nlohmann::json::object(),
                  const nlohmann::json& errors_patch = nlohmann::json::object()) {
        nlohmann::json doc = fixture_doc();
        doc["RateLimits"].update(rate_limits_patch);
        doc["Errors"].update(errors_patch);
        clock = std::make_shared<VirtualClock>(kT0);
        ServiceDeps deps;
        deps.clock = clock;
        parts = std::make_unique<ServiceParts>(parse_config(doc, "test.json"), std::move(deps));
        service = std::make_unique<MockService>(*parts);
    }

    // A request signed with these credentials at the mock's time, as the SDKs send it.
    ApiResponse call(const std::string& action, const signing::Credentials& creds = kCreds1) {
        const spec::ActionSpec* s = spec::find_action_spec(action);
        REQUIRE(s != nullptr);
        signing::OutgoingRequest out;
        out.method = s->method;
        out.host = "127.0.0.1:8080";
        out.query = {{"Action", action}, {"Version", s->versions.front()}};
        const std::string ids = R"("AppId":"600000000000000000000000","RoomId":"room1","TaskId":"task1")";
        if (s->method == "GET") {
            out.query.push_back({"AppId", "600000000000000000000000"});
            out.query.push_back({"RoomId", "room1"});
            out.query.push_back({"TaskId", "task1"});
        } else {
            out.headers.push_back({"Content-Type", "application/json"});
            out.body = "{" + ids + R"(,"UserId":"user1","SourceURL":"rtmp://example.com/live/1"})";
        }
        return service->handle(test::signed_api_request(out, creds, clock->now_ms()));
    }

    // Sends n requests now; returns how many were admitted (any answer but the throttle counts as admitted).
    int burst(const std::string& action, int n, const signing::Credentials& creds = kCreds1) {
        int admitted = 0;
        for (int i = 0; i < n; ++i)
            if (!is_throttled(call(action, creds))) ++admitted;
        return admitted;
    }

    void at(TimeMs offset_from_t0) { clock->set_ms(kT0 + offset_from_t0); }

    static bool is_throttled(const ApiResponse& r) {
        return r.body.find("FlowLimitExceeded.QPSOverLimit") != std::string::npos;
    }

    std::shared_ptr<VirtualClock> clock;
    std::unique_ptr<ServiceParts> parts;
    std::unique_ptr<MockService> service;  // over `parts`
};

std::string header_of(const ApiResponse& r, const std::string& name) {
    for (const auto& h : r.headers)
        if (iequals(h.name, name)) return h.value;
    return "";
}

}  // namespace

TEST_CASE("the declared limits are the documented ones: 150, 60 and 10 requests per second", "[ratelimit]") {
    REQUIRE(declared("StartWebcast") == 150);
    REQUIRE(declared("StopWebcast") == 150);
    REQUIRE(declared("GetWebCastTask") == 60);
    REQUIRE(declared("StartWBRecord") == 10);
    REQUIRE(declared("StopWBRecord") == 10);
}

TEST_CASE(
    "the 150th StartWebcast in one rolling second passes, the 151st is throttled, the next second "
    "opens again",
    "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWebcast");
    REQUIRE(m.burst("StartWebcast", limit - 1) == limit - 1);
    m.at(999);
    ApiResponse last = m.call("StartWebcast");
    REQUIRE_FALSE(Mock::is_throttled(last));
    REQUIRE(last.status != 429);
    ApiResponse over = m.call("StartWebcast");
    REQUIRE(Mock::is_throttled(over));
    REQUIRE(over.status == 429);
    REQUIRE(header_of(over, "Retry-After") == "1");
    // At t0+1000 the 149 requests of t0 leave the window; the one of t0+999 is still in it.
    m.at(1000);
    REQUIRE(m.burst("StartWebcast", limit) == limit - 1);
    m.at(1999);
    REQUIRE(m.burst("StartWebcast", 5) == 1);
}

TEST_CASE("the 61st GetWebCastTask in one rolling second is throttled", "[ratelimit]") {
    Mock m;
    const int limit = declared("GetWebCastTask");
    REQUIRE(m.burst("GetWebCastTask", limit) == limit);
    REQUIRE(m.burst("GetWebCastTask", 1) == 0);
    m.at(999);
    REQUIRE(m.burst("GetWebCastTask", 1) == 0);
    m.at(1000);
    REQUIRE(m.burst("GetWebCastTask", limit + 1) == limit);
}

TEST_CASE("the 11th StartWBRecord in one rolling second is throttled, StopWBRecord counts separately",
          "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
    REQUIRE(m.burst("StopWBRecord", limit + 1) == declared("StopWBRecord"));
    m.at(1000);
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
}

TEST_CASE("the window rolls: a burst at the end of one second still counts early in the next",
          "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    m.at(900);
    REQUIRE(m.burst("StartWBRecord", limit) == limit);
    // A fixed window would open at t0+1000; the rolling window keeps them until t0+1900.
    m.at(1100);
    REQUIRE(m.burst("StartWBRecord", 1) == 0);
    m.at(1899);
    REQUIRE(m.burst("StartWBRecord", 1) == 0);
    m.at(1900);
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
}

TEST_CASE("requests spread over the second free their slots one by one as each leaves the window",
          "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    for (int i = 0; i < limit; ++i) {
        m.at(i * 100);
        REQUIRE(m.burst("StartWBRecord", 1) == 1);
    }
    m.at(999);
    REQUIRE(m.burst("StartWBRecord", 1) == 0);
    for (int i = 0; i < limit; ++i) {
        m.at(1000 + i * 100);
        REQUIRE(m.burst("StartWBRecord", 3) == 1);  // exactly the one slot that t0+i*100 freed
    }
}

TEST_CASE("Retry-After is the whole seconds until the oldest admitted request leaves the window, at least 1",
          "[ratelimit]") {
    Mock m(Json{{"WindowMs", 3000}});
    const int limit = declared("StartWBRecord");
    REQUIRE(m.burst("StartWBRecord", limit) == limit);
    m.at(400);
    ApiResponse r = m.call("StartWBRecord");
    REQUIRE(r.status == 429);
    REQUIRE(header_of(r, "Retry-After") == "3");  // 2600 ms
    m.at(2000);
    REQUIRE(header_of(m.call("StartWBRecord"), "Retry-After") == "1");  // 1000 ms
    m.at(2999);
    REQUIRE(header_of(m.call("StartWBRecord"), "Retry-After") == "1");  // 1 ms, rounded up
    m.at(3000);
    REQUIRE(m.burst("StartWBRecord", 1) == 1);

    Mock floor(Json{{"MinRetryAfterSeconds", 5}});
    REQUIRE(floor.burst("StartWBRecord", limit) == limit);
    REQUIRE(header_of(floor.call("StartWBRecord"), "Retry-After") == "5");
}

TEST_CASE("the limiter reports retry_after_ms until the oldest admitted request leaves the window",
          "[ratelimit]") {
    RateLimitConfig cfg;
    MemoryRateWindows windows;
    RateLimiter limiter(cfg, windows);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 100).admitted);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 300).admitted);
    Admission refused = limiter.admit("a", "X", 2, kT0 + 700);
    REQUIRE_FALSE(refused.admitted);
    REQUIRE(refused.limit == 2);
    REQUIRE(refused.retry_after_ms == 400);  // t0+100 leaves at t0+1100
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 1100).admitted);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 1100).retry_after_ms == 200);  // now t0+300 is the oldest
}

TEST_CASE("throttled requests do not consume budget", "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    REQUIRE(m.burst("StartWBRecord", limit) == limit);
    for (int t = 1; t < 1000; t += 7) {
        m.at(t);
        REQUIRE(m.burst("StartWBRecord", 3) == 0);
    }
    // Had the refusals counted, the window would still be full at t0+1000.
    m.at(1000);
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
}

TEST_CASE("requests that fail authentication do not consume the account's budget", "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    const signing::Credentials wrong_secret{"AKLTLOCALMOCK", "NOTTHESECRET", ""};
    for (int i = 0; i < 3 * limit; ++i) {
        ApiResponse r = m.call("StartWBRecord", wrong_secret);
        REQUIRE_FALSE(Mock::is_throttled(r));
        REQUIRE(r.status == 401);
    }
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
}

TEST_CASE("one account's exhausted limit leaves another account unaffected", "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWebcast");
    REQUIRE(m.burst("StartWebcast", limit + 20, kCreds1) == limit);
    REQUIRE(m.burst("StartWebcast", limit + 20, kCreds2) == limit);
    REQUIRE(m.burst("StartWebcast", 1, kCreds1) == 0);
}

TEST_CASE("the config overrides an action's limit or turns it off", "[ratelimit]") {
    Mock lowered(Json{{"Actions", {{"StartWebcast", 3}}}});
    REQUIRE(lowered.burst("StartWebcast", 10) == 3);
    REQUIRE(lowered.burst("StartWebcast", 10, kCreds2) == 3);
    REQUIRE(lowered.burst("StopWebcast", declared("StopWebcast") + 1) == declared("StopWebcast"));

    Mock off(Json{{"Actions", {{"StartWBRecord", 0}}}});
    REQUIRE(off.burst("StartWBRecord", 100) == 100);

    Mock disabled(Json{{"Enabled", false}});
    REQUIRE(disabled.burst("StartWBRecord", 100) == 100);
}

TEST_CASE("the config overrides limits per account, for one action or every action with \"*\"",
          "[ratelimit]") {
    Mock m(Json{{"Actions", {{"StopWBRecord", 4}}},
                {"Accounts", {{kAccount1, {{"*", 2}, {"StartWBRecord", 5}, {"StartWebcast", 0}}}}}});
    REQUIRE(m.burst("StartWBRecord", 20) == 5);  // the account's action entry beats "*"
    REQUIRE(m.burst("StopWBRecord", 20) == 2);   // "*" beats the Actions override
    REQUIRE(m.burst("GetWebCastTask", 20) == 2);
    REQUIRE(m.burst("StartWebcast", 300) == 300);  // off for this account
    // The other account keeps the declared limits and the Actions override.
    REQUIRE(m.burst("StartWBRecord", 20, kCreds2) == declared("StartWBRecord"));
    REQUIRE(m.burst("StopWBRecord", 20, kCreds2) == 4);
    REQUIRE(m.burst("StartWebcast", 200, kCreds2) == declared("StartWebcast"));
}

TEST_CASE("the journal shows the limit in force and which requests were throttled", "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    m.burst("StartWBRecord", limit + 1);
    auto entries = m.parts->engine->journal().query({}).entries;
    REQUIRE(entries.size() == static_cast<std::size_t>(limit + 1));
    for (int i = 0; i < limit; ++i) {
        REQUIRE(entries[i]->rate_limit == limit);
        REQUIRE_FALSE(entries[i]->throttled);
    }
    const nlohmann::json last = entries.back()->to_json();
    REQUIRE(last["Throttled"] == true);
    REQUIRE(last["RateLimit"] == limit);
    REQUIRE(last["HttpStatus"] == 429);
    REQUIRE(last["ErrorCode"] == "FlowLimitExceeded.QPSOverLimit");
    REQUIRE(last["AccountId"] == kAccount1);
}

TEST_CASE("with service errors as HTTP 200 a throttled request answers 200 with the error and Retry-After",
          "[ratelimit]") {
    Mock m(Json::object(), Json{{"ServiceErrorsAsHttp200", true}});
    const int limit = declared("StartWBRecord");
    REQUIRE(m.burst("StartWBRecord", limit) == limit);
    ApiResponse r = m.call("StartWBRecord");
    REQUIRE(Mock::is_throttled(r));
    REQUIRE(r.status == 200);
    REQUIRE(header_of(r, "Retry-After") == "1");
}

TEST_CASE("reset forgets every window", "[ratelimit]") {
    Mock m;
    const int limit = declared("StartWBRecord");
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
    auto& windows = m.parts->engine->rate_windows();
    REQUIRE(windows.tracked_keys() == 1);
    windows.clear();
    REQUIRE(windows.tracked_keys() == 0);
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
    // The admin API's reset forgets them too.
    REQUIRE(m.service->admin().reset().ok());
    REQUIRE(windows.tracked_keys() == 0);
    m.at(0);
    REQUIRE(m.burst("StartWBRecord", limit + 1) == limit);
}

TEST_CASE("a key holds at most its limit of timestamps and idle keys are forgotten", "[ratelimit]") {
    SlidingWindow w;
    for (int i = 0; i < 100000; ++i) w.admit(kT0 + i / 50, 150, 1000);
    REQUIRE(w.in_window() == 150);
    REQUIRE(w.capacity() < 2 * 150);

    RateLimitConfig cfg;
    MemoryRateWindows windows;
    RateLimiter limiter(cfg, windows);
    const int keys = 20000;
    for (int i = 0; i < keys; ++i) limiter.admit("acct" + std::to_string(i), "X", 5, kT0);
    REQUIRE(windows.tracked_keys() == static_cast<std::size_t>(keys));
    // A window later the first keys hold nothing; new keys replace them instead of piling up.
    for (int i = 0; i < keys; ++i) limiter.admit("other" + std::to_string(i), "X", 5, kT0 + 1000);
    REQUIRE(windows.tracked_keys() < static_cast<std::size_t>(keys + keys / 2));
    // Forgetting an idle key is exact: the same account starts with a full budget.
    for (int n = 0; n < 5; ++n) REQUIRE(limiter.admit("acct0", "X", 5, kT0 + 1000).admitted);
    REQUIRE_FALSE(limiter.admit("acct0", "X", 5, kT0 + 1000).admitted);
}

TEST_CASE("a request that read the clock before an admitted one counts as late as that one", "[ratelimit]") {
    RateLimitConfig cfg;
    MemoryRateWindows windows;
    RateLimiter limiter(cfg, windows);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 500).admitted);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 499).admitted);  // counted at t0+500
    REQUIRE_FALSE(limiter.admit("a", "X", 2, kT0 + 1499).admitted);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 1500).admitted);
    REQUIRE(limiter.admit("a", "X", 2, kT0 + 1500).admitted);
    // A clock set back by more than a window starts the key afresh.
    REQUIRE(limiter.admit("a", "X", 2, kT0).admitted);
}

namespace {
// All threads finish one virtual-time step before any starts the next, and are released together (a spin
// barrier: a sleeping one would wake them one by one, and they would rarely meet in the limiter).
class StepBarrier {
  public:
    explicit StepBarrier(int n) : n_(n) {}
    void wait() {
        const long gen = gen_.load(std::memory_order_acquire);
        if (waiting_.fetch_add(1, std::memory_order_acq_rel) + 1 == n_) {
            waiting_.store(0, std::memory_order_relaxed);
            gen_.fetch_add(1, std::memory_order_acq_rel);
        } else {
            while (gen_.load(std::memory_order_acquire) == gen) std::this_thread::yield();
        }
    }

  private:
    const int n_;
    std::atomic<int> waiting_{0};
    std::atomic<long> gen_{0};
};
}  // namespace

TEST_CASE("8 threads hammering one key admit exactly the limit in every rolling second, never more",
          "[ratelimit][threads]") {
    RateLimitConfig cfg;
    MemoryRateWindows windows;
    RateLimiter limiter(cfg, windows);
    const int limit = declared("StartWebcast");
    const int threads = 8;
    const TimeMs step_ms = 5;
    const int steps = 1400;              // 7 virtual seconds
    const int per_thread_per_step = 40;  // 6 threads x 40 per 5 ms on the first account: 320x the limit
    const std::vector<std::string> accounts = {kAccount1, kAccount2};
    // admitted[account][step]; threads 0-5 hammer the first account, 6-7 the second.
    std::vector<std::vector<std::atomic<int>>> admitted(2);
    for (auto& per : admitted) {
        per = std::vector<std::atomic<int>>(steps);
        for (auto& a : per) a = 0;
    }
    std::atomic<long> bad_retry{0};
    StepBarrier barrier(threads);
    // The first window is filled one request per step, so that from then on every step frees exactly one
    // slot and all threads race for it (a burst would free all slots at once, every second).
    const int first_hammered = static_cast<int>(1000 / step_ms);
    for (int acc = 0; acc < 2; ++acc)
        for (int s = 0; s < limit; ++s)
            admitted[acc][s] +=
                limiter.admit(accounts[acc], "StartWebcast", limit, kT0 + s * step_ms).admitted;

    std::vector<std::thread> pool;
    for (int th = 0; th < threads; ++th)
        pool.emplace_back([&, th] {
            const int acc = th < 6 ? 0 : 1;
            for (int s = first_hammered; s < steps; ++s) {
                const TimeMs t = kT0 + s * step_ms;
                for (int i = 0; i < per_thread_per_step; ++i) {
                    Admission a = limiter.admit(accounts[acc], "StartWebcast", limit, t);
                    if (a.admitted)
                        ++admitted[acc][s];
                    else if (a.retry_after_ms < 1 || a.retry_after_ms > 1000)
                        ++bad_retry;
                }
                barrier.wait();
            }
        });
    for (auto& t : pool) t.join();

    REQUIRE(bad_retry == 0);
    // Every rolling window (t - 1000, t] ending on a step: never more than the limit, and exactly the limit
    // once a whole window has passed.
    for (int acc = 0; acc < 2; ++acc) {
        int max_in_window = 0, min_in_window = limit;
        for (int end = 0; end < steps; ++end) {
            int sum = 0;
            for (int s = end; s >= 0 && (end - s) * step_ms < 1000; --s) sum += admitted[acc][s];
            max_in_window = std::max(max_in_window, sum);
            if ((end + 1) * step_ms >= 1000) min_in_window = std::min(min_in_window, sum);
        }
        INFO("account " << accounts[acc]);
        REQUIRE(max_in_window == limit);
        REQUIRE(min_in_window == limit);
    }
}

TEST_CASE("threads on different accounts each get their own full limit under contention",
          "[ratelimit][threads]") {
    RateLimitConfig cfg;
    MemoryRateWindows windows;
    RateLimiter limiter(cfg, windows);
    const int limit = declared("GetWebCastTask");
    const int threads = 8;
    std::vector<int> admitted(threads, 0);
    std::vector<std::thread> pool;
    for (int th = 0; th < threads; ++th)
        pool.emplace_back([&, th] {
            // Two threads per account, all at the same virtual instant.
            const std::string account = "acct" + std::to_string(th / 2);
            for (int i = 0; i < 5000; ++i)
                if (limiter.admit(account, "GetWebCastTask", limit, kT0).admitted) ++admitted[th];
        });
    for (auto& t : pool) t.join();
    for (int a = 0; a < threads / 2; ++a) REQUIRE(admitted[2 * a] + admitted[2 * a + 1] == limit);
}

TEST_CASE("a RateLimits override naming an undeclared action or an unknown account is refused at load",
          "[ratelimit][config]") {
    auto error_of = [](const Json& patch) -> std::string {
        Json doc = fixture_doc();
        doc["RateLimits"].update(patch);
        return test::config_error(doc);
    };
    REQUIRE_THAT(error_of(Json{{"Actions", {{"GetWebcastTask", 5}}}}),
                 Catch::StartsWith("test.json: RateLimits.Actions.GetWebcastTask: is not a declared action"));
    REQUIRE_THAT(error_of(Json{{"Actions", {{"*", 5}}}}),
                 Catch::StartsWith("test.json: RateLimits.Actions.*: is not a declared action"));
    REQUIRE_THAT(error_of(Json{{"Accounts", {{"210000001", {{"*", 5}}}}}}),
                 Catch::StartsWith("test.json: RateLimits.Accounts.210000001: is not the AccountId"));
    REQUIRE_THAT(
        error_of(Json{{"Accounts", {{kAccount1, {{"StopWebCast", 5}}}}}}),
        Catch::StartsWith("test.json: RateLimits.Accounts.2100000001.StopWebCast: is not a declared"));
    REQUIRE_THAT(error_of(Json{{"Actions", {{"StartWebcast", -1}}}}), Catch::Contains("RateLimits.Actions"));
    REQUIRE(error_of(Json{{"Accounts", {{kAccount1, {{"*", 5}, {"StopWebcast", 0}}}}}}).empty());
}
