// The state engines the tests hold to one contract (tests/unit/state_contract_*.cpp) and run the lifecycle
// and race tests on: the memory engine always; the Redis engine when redis-server is installed (a Redis the
// tests start themselves, tests/support/redis_server.h).
#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/state/engine.h"
#include "core/state/memory/engine.h"
#include "core/state/redis/engine.h"
#include "redis_server.h"

namespace rtc::test {

inline std::vector<std::string> engine_names() {
    std::vector<std::string> names{"memory"};
    if (TestRedis::get()) names.push_back("redis");
    return names;
}

// A fresh key prefix: each engine made by a test starts from an empty state on the shared test Redis.
inline std::string fresh_prefix() {
    static std::atomic<int> n{0};
    return "t" + std::to_string(getpid()) + "-" + std::to_string(++n) + ":";
}

// The Redis settings of an engine on the tests' Redis under `prefix`.
inline StateSettings redis_settings(const std::string& prefix) {
    StateSettings s;
    s.url = TestRedis::get()->url();
    s.prefix = prefix;
    s.timeout_ms = 2000;  // a loaded CI machine is not an outage
    s.lease_ms = 1000;
    s.rate_clock = StateSettings::RateClock::Replica;  // the contract drives the windows with a virtual clock
    return s;
}

// An engine; two Redis engines made with the same `prefix` share their state, as two replicas do.
inline std::unique_ptr<state::StateEngine> make_engine(const std::string& name,
                                                       const state::EngineSettings& settings,
                                                       const std::string& prefix = "") {
    if (name == "memory") return state::memory::make_memory_engine(settings);
    if (name == "redis" && TestRedis::get())
        return state::redis::make_redis_engine(settings,
                                               redis_settings(prefix.empty() ? fresh_prefix() : prefix));
    throw std::invalid_argument("no state engine " + name);
}

// The engine of the running test case: it runs once per engine (a Catch2 generator). The lifecycle, race and
// action tests build their mocks on it, so every engine passes them too.
inline std::string each_engine() {
    return GENERATE(from_range(engine_names()));
}

}  // namespace rtc::test
