// Documented rate limits, per account and action over any rolling window (docs/service-facts.md §4).
//
// Exact rolling window: a request at t is admitted iff fewer than `limit` admitted requests fall in
// (t - window, t]. Each account+action key keeps the times of its admitted requests still in the window
// (at most `limit` of them) in a ring, oldest first; refused requests leave no trace. Keys live in
// independently locked shards, so different keys never wait for each other and one key costs one short
// critical section per request.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ratelimit/settings.h"

namespace rtc {

struct Admission {
    bool admitted = true;
    int limit = 0;                    // the limit in force (0: none)
    std::int64_t retry_after_ms = 0;  // when refused: until the oldest admitted request leaves the window
};

// The admitted requests of one key still inside the window, oldest first.
class SlidingWindow {
  public:
    // Admits at `t` if fewer than `limit` admitted requests fall in (t - window, t]; `t` is first raised to
    // the newest admitted time, so concurrent callers that read the clock out of order still count exactly.
    Admission admit(TimeMs t, int limit, std::int64_t window_ms);
    // True when nothing admitted is left inside the window at `t` (the key can be forgotten).
    bool idle(TimeMs t, std::int64_t window_ms) const;
    std::size_t in_window() const { return count_; }
    std::size_t capacity() const { return ring_.size(); }

  private:
    TimeMs oldest() const { return ring_[head_]; }
    void push(TimeMs t);
    void pop() {
        head_ = (head_ + 1) & (ring_.size() - 1);
        --count_;
    }

    std::vector<TimeMs> ring_;  // power-of-two size, grows up to the limit as the window fills
    std::size_t head_ = 0;
    std::size_t count_ = 0;
    TimeMs newest_ = 0;
};

class RateLimiter {
  public:
    explicit RateLimiter(const RateLimitConfig& config);
    ~RateLimiter();
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    // The limit in force for this account and action: the config's overrides, else the declaration.
    int limit_for(const std::string& account, const std::string& action, int declared) const;
    Admission admit(const std::string& account, const std::string& action, int declared_limit, TimeMs now);
    // Forgets every window (POST /_mock/reset).
    void reset();
    // Keys currently remembered (tests of eviction).
    std::size_t tracked_keys() const;

    static constexpr std::size_t kShards = 64;

  private:
    struct Shard;
    Shard& shard_for(const std::string& key, std::size_t& hash) const;

    const RateLimitConfig& config_;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace rtc
