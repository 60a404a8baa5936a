#include "core/state/redis/journal_stream.h"

#include "core/state/codec/json_fields.h"
#include "core/state/codec/journal_json.h"

namespace rtc::state::redis {

namespace {

JournalEntryPtr decode(const BoundedStream::Item& item) {
    auto e = std::make_shared<JournalEntry>(codec::decode_journal_entry(nlohmann::json::parse(item.payload)));
    e->seq = item.seq;  // the stream's ID is the Seq (stored as 0: given by the script)
    return e;
}

// Whether a filter asks only for Seq > since: then the stream's ends count the matches, and `limit`
// reads only the newest.
bool only_since(const JournalFilter& f) {
    return !f.action && !f.code && !f.account && !f.app && !f.status && !f.verdict && !f.fault;
}

}  // namespace

RedisJournal::RedisJournal(Context& ctx)
    : ctx_(ctx), stream_(ctx, "journal:", ctx.settings.journal_capacity) {}

JournalEntryPtr RedisJournal::record(JournalEntry entry) {
    if (entry.replica.empty()) entry.replica = ctx_.replica;
    entry.seq = 0;
    const std::string payload = codec::store_text(codec::encode(entry));
    entry.seq = stream_.append(payload);
    return std::make_shared<const JournalEntry>(std::move(entry));
}

JournalPage RedisJournal::query(const JournalFilter& filter) const {
    JournalPage page;
    page.capacity = stream_.capacity();
    if (only_since(filter) && filter.limit) {
        auto range = stream_.newest(filter.limit, filter.since);
        page.dropped = range.dropped;
        page.total = range.after;
        for (const auto& item : range.items) page.entries.push_back(decode(item));
        return page;
    }
    auto range = stream_.after(filter.since);
    page.dropped = range.dropped;
    for (const auto& item : range.items) {
        auto e = decode(item);
        if (filter.matches(*e)) page.entries.push_back(std::move(e));
    }
    page.total = page.entries.size();
    if (filter.limit && page.entries.size() > filter.limit)
        page.entries.erase(
            page.entries.begin(),
            page.entries.begin() + static_cast<std::ptrdiff_t>(page.entries.size() - filter.limit));
    return page;
}

JournalEntryPtr RedisJournal::at(std::uint64_t seq) const {
    auto payload = stream_.at(seq);
    if (!payload) return nullptr;
    return decode(BoundedStream::Item{seq, std::move(*payload)});
}

std::size_t RedisJournal::count(const JournalFilter& filter) const {
    if (only_since(filter)) return stream_.count_after(filter.since);
    std::size_t n = 0;
    for (const auto& item : stream_.after(filter.since).items)
        if (filter.matches(*decode(item))) ++n;
    return n;
}

void RedisJournal::clear() {
    stream_.clear();
}

JournalStats RedisJournal::stats() const {
    auto s = stream_.stats();
    return JournalStats{s.size, stream_.capacity(), s.dropped, s.recorded};
}

}  // namespace rtc::state::redis
