// A latency histogram with log-linear buckets (HDR style): every power of two is split into 64 linear
// sub-buckets, so any recorded value is known to within 1/64 (1.6 %) from 1 ns to 68 s, in 16 KB.
// One per connection thread; counters are relaxed atomics so the progress thread can read them live.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace rtcbench {

class Histogram {
  public:
    static constexpr int kSubBits = 6;
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kMaxExp = 36;  // 2^36 ns = 68 s; larger values land in the last bucket
    static constexpr int kBuckets = (kMaxExp - kSubBits + 2) * kSub;

    void record(std::int64_t ns);
    // Adds another histogram's counts (snapshots and the merge at the end).
    void add(const Histogram& other);
    void subtract(const Histogram& other);
    void clear();

    std::uint64_t count() const;
    // The value (ns) below which `q` (0..1) of the recorded values fall: the bucket's upper bound.
    std::int64_t quantile(double q) const;
    std::int64_t max() const { return max_.load(std::memory_order_relaxed); }
    double mean() const;

  private:
    static int index_of(std::int64_t ns);
    static std::int64_t upper_of(int index);
    std::array<std::atomic<std::uint64_t>, kBuckets> counts_{};
    std::atomic<std::int64_t> max_{0};
    std::atomic<std::int64_t> sum_ns_{0};
};

}  // namespace rtcbench
