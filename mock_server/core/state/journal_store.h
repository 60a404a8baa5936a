// Where the request journal lives: every API request with what the mock decided about it, bounded (the oldest
// entries go first) so memory stays flat however long the mock runs.
#pragma once

#include <cstdint>
#include <functional>

#include "core/journal/journal.h"

namespace rtc::state {

struct JournalStats {
    std::size_t size = 0;
    std::size_t capacity = 0;
    std::uint64_t dropped = 0;   // evicted by the bound since the last clear
    std::uint64_t recorded = 0;  // ever recorded, including what the bound dropped
};

class JournalStore {
  public:
    virtual ~JournalStore() = default;
    using Recorded = std::function<void(JournalEntryPtr)>;

    // Gives the entry its Seq (never restarting, so `since` stays valid across clears) and keeps it.
    // Both take the entry by reference: it is moved once, into what is kept (each move is ~560 instructions).
    virtual JournalEntryPtr record(JournalEntry&& entry) = 0;
    // The same, for the request path: a store out of process sends the entry without waiting for its answer
    // (it is kept before any later read of this store sees the journal, here or in another process), and
    // `then` gets the stored entry once it has its Seq, maybe on another thread; never when the store failed.
    virtual void post(JournalEntry&& entry, Recorded then) {
        auto stored = record(std::move(entry));
        if (then) then(std::move(stored));
    }
    virtual JournalPage query(const JournalFilter& filter) const = 0;
    // The entry with this Seq, or null when it was never recorded, was evicted or cleared.
    virtual JournalEntryPtr at(std::uint64_t seq) const = 0;
    virtual std::size_t count(const JournalFilter& filter) const = 0;
    virtual void clear() = 0;
    virtual JournalStats stats() const = 0;
};

}  // namespace rtc::state
