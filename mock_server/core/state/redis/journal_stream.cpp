#include "core/state/redis/journal_stream.h"

#include "core/state/codec/journal_json.h"
#include "core/state/codec/json_fields.h"

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

std::string payload_of(JournalEntry& entry, const std::string& replica) {
    if (entry.replica.empty()) entry.replica = replica;
    entry.seq = 0;
    return codec::store_text(codec::encode(entry));
}

}  // namespace

RedisJournal::RedisJournal(Context& ctx)
    : ctx_(ctx), stream_(ctx, "journal:", ctx.settings.journal_capacity) {}

JournalEntryPtr RedisJournal::record(JournalEntry&& entry) {
    const std::string payload = payload_of(entry, ctx_.replica);
    entry.seq = stream_.append(payload);
    return std::make_shared<const JournalEntry>(std::move(entry));
}

void RedisJournal::post(JournalEntry&& entry, Recorded then) {
    const std::string payload = payload_of(entry, ctx_.replica);
    auto kept = std::make_shared<JournalEntry>(std::move(entry));
    stream_.post(payload, [kept, then = std::move(then)](std::uint64_t seq) {
        kept->seq = seq;
        if (then) then(std::move(kept));
    });
}

JournalPage RedisJournal::query(const JournalFilter& filter) const {
    ctx_.client.settle();
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
    ctx_.client.settle();
    auto payload = stream_.at(seq);
    if (!payload) return nullptr;
    return decode(BoundedStream::Item{seq, std::move(*payload)});
}

std::size_t RedisJournal::count(const JournalFilter& filter) const {
    ctx_.client.settle();
    if (only_since(filter)) return stream_.count_after(filter.since);
    std::size_t n = 0;
    for (const auto& item : stream_.after(filter.since).items)
        if (filter.matches(*decode(item))) ++n;
    return n;
}

void RedisJournal::clear() {
    ctx_.client.settle();
    stream_.clear();
}

JournalStats RedisJournal::stats() const {
    ctx_.client.settle();
    auto s = stream_.stats();
    return JournalStats{s.size, stream_.capacity(), s.dropped, s.recorded};
}

}  // namespace rtc::state::redis
