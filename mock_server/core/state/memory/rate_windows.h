// The rate limits' windows in process memory. Each key keeps the times of its admitted requests still in the
// window (at most `limit` of them) in a ring, oldest first; refused requests leave no trace. Keys live in
// independently locked shards, so different keys never wait for each other and one key costs one short
// critical section per request.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/state/rate_windows.h"

namespace rtc::state::memory {

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

class MemoryRateWindows final : public RateWindows {
  public:
    MemoryRateWindows();
    ~MemoryRateWindows() override;
    Admission admit(std::string_view key, int limit, std::int64_t window_ms, TimeMs now) override;
    void clear() override;
    std::size_t tracked_keys() const override;

    static constexpr std::size_t kShards = 64;

  private:
    struct Shard;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace rtc::state::memory
