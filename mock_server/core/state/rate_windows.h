// Where the rate limits' windows live: the admitted requests of each key (account and action) still inside
// the rolling window. Exact: a request at t is admitted iff fewer than `limit` admitted requests fall in
// (t - window, t]; a refusal spends nothing (docs/rate-limits.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/time_ms.h"

namespace rtc::state {

struct Admission {
    bool admitted = true;
    int limit = 0;                    // the limit in force (0: none)
    std::int64_t retry_after_ms = 0;  // when refused: until the oldest admitted request leaves the window
};

class RateWindows {
  public:
    virtual ~RateWindows() = default;
    // Admits one request of `key` at `now` when the window has room (limit > 0).
    virtual Admission admit(std::string_view key, int limit, std::int64_t window_ms, TimeMs now) = 0;
    // Forgets every window.
    virtual void clear() = 0;
    // Keys remembered now (tests of eviction).
    virtual std::size_t tracked_keys() const = 0;
};

}  // namespace rtc::state
