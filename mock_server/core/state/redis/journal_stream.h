// The request journal in Redis, shared by every replica: a bounded stream (`journal:s`, entry IDs `{seq}-0`)
// of encoded entries (core/state/codec/journal_json.h), each naming the replica that answered. Queries read
// the stream and filter here with the memory ring's filter (JournalFilter::matches), once the entries this
// process posted are answered (Client::settle).
#pragma once

#include "core/state/journal_store.h"
#include "core/state/redis/bounded_stream.h"
#include "core/state/redis/context.h"

namespace rtc::state::redis {

class RedisJournal final : public JournalStore {
  public:
    explicit RedisJournal(Context& ctx);
    // One round trip (a script: the next Seq, the add, the bound and its drop count).
    JournalEntryPtr record(JournalEntry&& entry) override;
    // No round trip the request waits for: the entry is sent, and its Seq read later (Client::post).
    void post(JournalEntry&& entry, Recorded then) override;
    JournalPage query(const JournalFilter& filter) const override;
    JournalEntryPtr at(std::uint64_t seq) const override;
    std::size_t count(const JournalFilter& filter) const override;
    void clear() override;
    JournalStats stats() const override;

  private:
    Context& ctx_;
    BoundedStream stream_;
};

}  // namespace rtc::state::redis
