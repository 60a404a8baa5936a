// The request journal in process memory: a preallocated ring of immutable entries. Recording swaps one
// pointer under the lock (the evicted entry is freed after it), and queries copy pointers, never entries,
// then filter outside the lock.
#pragma once

#include <mutex>
#include <vector>

#include "core/state/journal_store.h"

namespace rtc::state::memory {

class JournalRing final : public JournalStore {
  public:
    explicit JournalRing(std::size_t capacity);
    JournalEntryPtr record(JournalEntry&& entry) override;
    JournalPage query(const JournalFilter& filter) const override;
    JournalEntryPtr at(std::uint64_t seq) const override;
    std::size_t count(const JournalFilter& filter) const override;
    void clear() override;
    JournalStats stats() const override;

  private:
    // Pointers to the entries with Seq > since, oldest first.
    std::vector<JournalEntryPtr> newer_than(std::uint64_t since) const;

    mutable std::mutex mu_;
    const std::size_t capacity_;
    std::vector<JournalEntryPtr> slots_;
    std::size_t head_ = 0;  // slot of the oldest entry
    std::size_t size_ = 0;
    std::uint64_t next_seq_ = 1;  // never restarts, so `since` stays valid across clears
    std::uint64_t evicted_ = 0;
};

}  // namespace rtc::state::memory
