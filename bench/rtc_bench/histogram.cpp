#include "histogram.h"

namespace rtcbench {

int Histogram::index_of(std::int64_t ns) {
    if (ns < kSub) return ns < 0 ? 0 : static_cast<int>(ns);
    const int msb = 63 - __builtin_clzll(static_cast<unsigned long long>(ns));
    if (msb > kMaxExp) return kBuckets - 1;
    // Values below kSub have a bucket each; above, the kSubBits bits under the top bit pick one of kSub
    // equal slices of the power of two [2^msb, 2^(msb+1)).
    const int shift = msb - kSubBits;
    const int sub = static_cast<int>((ns >> shift) & (kSub - 1));
    const int idx = (msb - kSubBits + 1) * kSub + sub;
    return idx < kBuckets ? idx : kBuckets - 1;
}

std::int64_t Histogram::upper_of(int index) {
    if (index < kSub) return index;
    const int group = index / kSub;  // msb = group + kSubBits - 1
    const int sub = index % kSub;
    const int msb = group + kSubBits - 1;
    const int shift = msb - kSubBits;
    return ((std::int64_t{1} << msb) | (static_cast<std::int64_t>(sub) << shift)) +
           (std::int64_t{1} << shift) - 1;
}

void Histogram::record(std::int64_t ns) {
    counts_[static_cast<std::size_t>(index_of(ns))].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(ns, std::memory_order_relaxed);
    std::int64_t m = max_.load(std::memory_order_relaxed);
    while (ns > m && !max_.compare_exchange_weak(m, ns, std::memory_order_relaxed)) {
    }
}

void Histogram::add(const Histogram& o) {
    for (int i = 0; i < kBuckets; ++i)
        counts_[i].fetch_add(o.counts_[i].load(std::memory_order_relaxed), std::memory_order_relaxed);
    sum_ns_.fetch_add(o.sum_ns_.load(std::memory_order_relaxed), std::memory_order_relaxed);
    std::int64_t om = o.max();
    if (om > max()) max_.store(om, std::memory_order_relaxed);
}

void Histogram::subtract(const Histogram& o) {
    for (int i = 0; i < kBuckets; ++i)
        counts_[i].fetch_sub(o.counts_[i].load(std::memory_order_relaxed), std::memory_order_relaxed);
    sum_ns_.fetch_sub(o.sum_ns_.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

void Histogram::clear() {
    for (auto& c : counts_) c.store(0, std::memory_order_relaxed);
    max_.store(0, std::memory_order_relaxed);
    sum_ns_.store(0, std::memory_order_relaxed);
}

std::uint64_t Histogram::count() const {
    std::uint64_t n = 0;
    for (const auto& c : counts_) n += c.load(std::memory_order_relaxed);
    return n;
}

std::int64_t Histogram::quantile(double q) const {
    const std::uint64_t n = count();
    if (n == 0) return 0;
    auto rank = static_cast<std::uint64_t>(q * static_cast<double>(n) + 0.5);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += counts_[i].load(std::memory_order_relaxed);
        if (seen >= rank) {
            std::int64_t up = upper_of(i);
            std::int64_t m = max();
            return (m > 0 && up > m) ? m : up;
        }
    }
    return max();
}

double Histogram::mean() const {
    const std::uint64_t n = count();
    return n ? static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / static_cast<double>(n) : 0.0;
}

}  // namespace rtcbench
