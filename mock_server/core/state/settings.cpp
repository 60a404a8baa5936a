#include "core/state/settings.h"

#include "core/config_reader.h"
#include "core/enum_names.h"
#include "core/state/redis/address.h"

namespace rtc {

namespace {

constexpr EnumName<StateSettings::RateClock> kRateClocks[] = {{StateSettings::RateClock::Server, "server"},
                                                              {StateSettings::RateClock::Replica, "replica"}};

}  // namespace

void parse_state_settings(const ConfigField& f, StateSettings& out) {
    f.only_keys({"Url", "TimeoutMs", "LeaseMs", "PollMs", "KeyPrefix", "RateClock"});
    if (f.has("Url")) {
        out.url = f["Url"].nonempty_str();
        std::string error;
        if (out.url != "memory" && !state::redis::parse_address(out.url, error)) f["Url"].fail(error);
    }
    f.get("TimeoutMs", out.timeout_ms, 10, 10000);
    f.get("LeaseMs", out.lease_ms, 200, 600000);
    f.get("PollMs", out.poll_ms, 10, 10000);
    if (f.has("KeyPrefix")) out.prefix = f["KeyPrefix"].nonempty_str();
    if (f.has("RateClock")) out.rate_clock = f["RateClock"].one_of(kRateClocks);
}

}  // namespace rtc
