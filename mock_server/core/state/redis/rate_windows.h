// The rate limits' windows in Redis, exact across replicas: each key's admitted requests still in the window
// are a sorted set (`rl:{key}`, scored by their instant), and one script per request trims it, counts and
// admits: one round trip, atomic, so replicas together admit at most `limit` in any window of Redis's TIME
// (State.RateClock). The model is the sorted-set limiter of established libraries, not fixed windows or GCRA
// (both admit more in some window).
#pragma once

#include "core/state/rate_windows.h"
#include "core/state/redis/context.h"

namespace rtc::state::redis {

class RedisRateWindows final : public RateWindows {
  public:
    explicit RedisRateWindows(Context& ctx) : ctx_(ctx) {}
    // `now` is used only with State.RateClock "replica"; otherwise the script reads Redis's TIME.
    Admission admit(std::string_view key, int limit, std::int64_t window_ms, TimeMs now) override;
    void clear() override;
    std::size_t tracked_keys() const override;

  private:
    Context& ctx_;
};

}  // namespace rtc::state::redis
