#include "core/state/memory/rate_windows.h"

#include <algorithm>
#include <functional>

namespace rtc::state::memory {

// ---- SlidingWindow ---------------------------------------------------------------------------------------

bool SlidingWindow::idle(TimeMs t, std::int64_t window_ms) const {
    return count_ == 0 || newest_ <= t - window_ms;
}

void SlidingWindow::push(TimeMs t) {
    if (count_ == ring_.size()) {
        // Full below the limit: double. The ring stays under 2 x limit and follows what the window holds.
        const std::size_t cap = ring_.empty() ? 4 : ring_.size() * 2;
        std::vector<TimeMs> bigger(cap);
        for (std::size_t i = 0; i < count_; ++i) bigger[i] = ring_[(head_ + i) & (ring_.size() - 1)];
        ring_.swap(bigger);
        head_ = 0;
    }
    ring_[(head_ + count_) & (ring_.size() - 1)] = t;
    ++count_;
    newest_ = t;
}

Admission SlidingWindow::admit(TimeMs t, int limit, std::int64_t window_ms) {
    if (count_ > 0) {
        if (t < newest_ - window_ms) {
            // The clock was set back by more than a window (a virtual clock moved to an earlier instant):
            // what was admitted "in the future" says nothing about the new present.
            count_ = 0;
            head_ = 0;
        } else if (t < newest_) {
            t = newest_;  // read the clock before a request that was admitted first: count it as that late
        }
    }
    while (count_ > 0 && oldest() <= t - window_ms) pop();
    const std::size_t lim = static_cast<std::size_t>(limit);
    if (count_ >= lim) {
        // A slot frees when the request `limit`-th from the newest leaves (the oldest, unless a lowered
        // limit left more than `limit` in the window).
        const TimeMs frees = ring_[(head_ + count_ - lim) & (ring_.size() - 1)];
        return Admission{false, limit, frees + window_ms - t};
    }
    push(t);
    return Admission{true, limit, 0};
}

// ---- MemoryRateWindows -----------------------------------------------------------------------------------

struct alignas(64) MemoryRateWindows::Shard {
    std::mutex mu;
    std::unordered_map<std::string, SlidingWindow> windows;
    std::size_t sweep_at = 64;  // sweep idle keys when the map grows past this
};

MemoryRateWindows::MemoryRateWindows() : shards_(new Shard[kShards]) {}

MemoryRateWindows::~MemoryRateWindows() = default;

Admission MemoryRateWindows::admit(std::string_view key, int limit, std::int64_t window_ms, TimeMs now) {
    if (limit <= 0) return Admission{true, 0, 0};
    const std::size_t hash = std::hash<std::string_view>{}(key);
    // The map buckets use the low bits of the same hash; the shard takes high bits so both spread.
    Shard& shard = shards_[(hash >> 20) % kShards];

    // One reused buffer per thread: the hot path allocates nothing once a key exists.
    thread_local std::string lookup;
    lookup.assign(key);
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.windows.find(lookup);
    if (it == shard.windows.end()) {
        if (shard.windows.size() >= shard.sweep_at) {
            // Bounded memory: a key with nothing left in its window is the same as an absent key.
            for (auto w = shard.windows.begin(); w != shard.windows.end();)
                w = w->second.idle(now, window_ms) ? shard.windows.erase(w) : std::next(w);
            shard.sweep_at = std::max<std::size_t>(64, shard.windows.size() * 2);
        }
        it = shard.windows.emplace(lookup, SlidingWindow{}).first;
    }
    return it->second.admit(now, limit, window_ms);
}

void MemoryRateWindows::clear() {
    for (std::size_t i = 0; i < kShards; ++i) {
        std::lock_guard<std::mutex> lock(shards_[i].mu);
        shards_[i].windows.clear();
        shards_[i].sweep_at = 64;
    }
}

std::size_t MemoryRateWindows::tracked_keys() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < kShards; ++i) {
        std::lock_guard<std::mutex> lock(shards_[i].mu);
        n += shards_[i].windows.size();
    }
    return n;
}

}  // namespace rtc::state::memory
