#include "core/state/memory/journal_ring.h"

namespace rtc::state::memory {

JournalRing::JournalRing(std::size_t capacity) : capacity_(capacity ? capacity : 1), slots_(capacity_) {}

JournalEntryPtr JournalRing::record(JournalEntry&& entry) {
    auto fresh = std::make_shared<JournalEntry>(std::move(entry));
    JournalEntryPtr stored = fresh;
    JournalEntryPtr evicted;  // freed after the lock is released
    {
        std::lock_guard<std::mutex> lock(mu_);
        fresh->seq = next_seq_++;
        if (size_ == capacity_) {
            evicted = std::move(slots_[head_]);
            slots_[head_] = std::move(fresh);
            head_ = (head_ + 1) % capacity_;
            ++evicted_;
        } else {
            slots_[(head_ + size_) % capacity_] = std::move(fresh);
            ++size_;
        }
    }
    return stored;
}

std::vector<JournalEntryPtr> JournalRing::newer_than(std::uint64_t since) const {
    std::vector<JournalEntryPtr> out;
    std::lock_guard<std::mutex> lock(mu_);
    // Seqs rise along the ring: binary-search the first entry newer than `since`.
    std::size_t lo = 0, hi = size_;
    while (lo < hi) {
        std::size_t mid = (lo + hi) / 2;
        if (slots_[(head_ + mid) % capacity_]->seq <= since)
            lo = mid + 1;
        else
            hi = mid;
    }
    out.reserve(size_ - lo);
    for (std::size_t i = lo; i < size_; ++i) out.push_back(slots_[(head_ + i) % capacity_]);
    return out;
}

JournalEntryPtr JournalRing::at(std::uint64_t seq) const {
    std::lock_guard<std::mutex> lock(mu_);
    if (size_ == 0) return nullptr;
    // Seqs are consecutive along the ring (every record takes the next one; a clear empties the ring).
    const std::uint64_t oldest = slots_[head_]->seq;
    if (seq < oldest || seq - oldest >= size_) return nullptr;
    return slots_[(head_ + static_cast<std::size_t>(seq - oldest)) % capacity_];
}

JournalPage JournalRing::query(const JournalFilter& filter) const {
    JournalPage page;
    page.capacity = capacity_;
    {
        std::lock_guard<std::mutex> lock(mu_);
        page.dropped = evicted_;
    }
    std::vector<JournalEntryPtr> candidates = newer_than(filter.since);
    for (auto& e : candidates)
        if (filter.matches(*e)) page.entries.push_back(std::move(e));
    page.total = page.entries.size();
    if (filter.limit && page.entries.size() > filter.limit)
        page.entries.erase(
            page.entries.begin(),
            page.entries.begin() + static_cast<std::ptrdiff_t>(page.entries.size() - filter.limit));
    return page;
}

std::size_t JournalRing::count(const JournalFilter& filter) const {
    std::size_t n = 0;
    for (const auto& e : newer_than(filter.since))
        if (filter.matches(*e)) ++n;
    return n;
}

void JournalRing::clear() {
    std::vector<JournalEntryPtr> old;  // freed after the lock is released
    std::lock_guard<std::mutex> lock(mu_);
    old.swap(slots_);
    slots_.assign(capacity_, nullptr);
    head_ = 0;
    size_ = 0;
    evicted_ = 0;
}

JournalStats JournalRing::stats() const {
    std::lock_guard<std::mutex> lock(mu_);
    return JournalStats{size_, capacity_, evicted_, next_seq_ - 1};
}

}  // namespace rtc::state::memory
