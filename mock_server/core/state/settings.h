// Where the mock keeps its state (config section `State`, flag --state, variable RTC_MOCK_STATE). Data only.
#pragma once

#include <string>

namespace rtc {

class ConfigField;

struct StateSettings {
    // "memory" (in the process), "redis://HOST:PORT[/DB]" or "unix:///PATH[?db=N]".
    std::string url = "memory";
    int timeout_ms = 150;         // a Redis command not answered by then fails the request (fail closed)
    int lease_ms = 3000;          // a claimed due event not acknowledged by then goes to another replica
    int poll_ms = 100;            // how often a replica looks for due events armed by the others
    std::string prefix = "rtc:";  // of every Redis key, so several mocks can share one Redis database
    // The instant a shared rate window counts a request at: Redis's own TIME ("server", so replicas need no
    // synchronised clocks), or the answering replica's service clock ("replica": windows then follow
    // POST /_mock/clock/advance, and a test's virtual clock).
    enum class RateClock { Server, Replica };
    RateClock rate_clock = RateClock::Server;
};

void parse_state_settings(const ConfigField& f, StateSettings& out);

}  // namespace rtc
