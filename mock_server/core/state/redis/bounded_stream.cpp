#include "core/state/redis/bounded_stream.h"

#include <algorithm>

namespace rtc::state::redis {

namespace {

// KEYS: stream, seq, dropped. ARGV: capacity, payload. The length is read before the add, so what an exact
// MAXLEN trims is counted exactly.
const Script& append_script() {
    static const Script s{R"lua(
local seq = redis.call('INCR', KEYS[2])
local cap = tonumber(ARGV[1])
local len = redis.call('XLEN', KEYS[1])
redis.call('XADD', KEYS[1], 'MAXLEN', cap, string.format('%d-0', seq), 'e', ARGV[2])
if len + 1 > cap then redis.call('INCRBY', KEYS[3], len + 1 - cap) end
return seq
)lua"};
    return s;
}

std::string id_of(std::uint64_t seq) {
    return std::to_string(seq) + "-0";
}

std::uint64_t seq_of(const std::string& id) {
    return std::stoull(id.substr(0, id.find('-')));
}

// An XRANGE / XREVRANGE reply: [[id, [field, value]], ...].
std::vector<BoundedStream::Item> items_of(const Reply& reply) {
    std::vector<BoundedStream::Item> out;
    out.reserve(reply.size());
    for (const auto& e : reply.elements) {
        BoundedStream::Item item{seq_of(e[0].str), {}};
        if (e[1].size() >= 2) item.payload = e[1][1].str;
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

BoundedStream::BoundedStream(Context& ctx, const std::string& base, std::size_t capacity)
    : ctx_(ctx),
      stream_(ctx.key(base + "s")),
      seq_(ctx.key(base + "seq")),
      dropped_(ctx.key(base + "dropped")),
      capacity_(capacity ? capacity : 1) {}

std::uint64_t BoundedStream::append(const std::string& payload) {
    return static_cast<std::uint64_t>(
        ctx_.client.eval(append_script(), {stream_, seq_, dropped_}, {std::to_string(capacity_), payload})
            .as_int());
}

void BoundedStream::post(const std::string& payload, std::function<void(std::uint64_t)> then) {
    ctx_.client.post(append_script(), {stream_, seq_, dropped_}, {std::to_string(capacity_), payload},
                     [then = std::move(then)](const Reply& r) {
                         if (then) then(static_cast<std::uint64_t>(r.as_int()));
                     });
}

BoundedStream::Range BoundedStream::after(std::uint64_t since) const {
    auto replies = ctx_.client.pipeline({{"XRANGE", stream_, id_of(since + 1), "+"}, {"GET", dropped_}});
    Range r;
    r.items = items_of(replies[0]);
    r.after = r.items.size();
    r.dropped = static_cast<std::uint64_t>(replies[1].as_int());
    return r;
}

BoundedStream::Range BoundedStream::newest(std::size_t n, std::uint64_t since) const {
    // The newest n, and the first entry after `since`: Seqs are consecutive along the stream, so the two ends
    // tell how many lie between.
    auto replies =
        ctx_.client.pipeline({{"XREVRANGE", stream_, "+", id_of(since + 1), "COUNT", std::to_string(n)},
                              {"XRANGE", stream_, id_of(since + 1), "+", "COUNT", "1"},
                              {"GET", dropped_}});
    Range r;
    r.items = items_of(replies[0]);
    std::reverse(r.items.begin(), r.items.end());
    auto first = items_of(replies[1]);
    if (!r.items.empty() && !first.empty())
        r.after = static_cast<std::size_t>(r.items.back().seq - first.front().seq + 1);
    r.dropped = static_cast<std::uint64_t>(replies[2].as_int());
    return r;
}

std::size_t BoundedStream::count_after(std::uint64_t since) const {
    auto replies = ctx_.client.pipeline({{"XRANGE", stream_, id_of(since + 1), "+", "COUNT", "1"},
                                         {"XREVRANGE", stream_, "+", id_of(since + 1), "COUNT", "1"}});
    auto first = items_of(replies[0]), last = items_of(replies[1]);
    if (first.empty() || last.empty()) return 0;
    return static_cast<std::size_t>(last.front().seq - first.front().seq + 1);
}

std::optional<std::string> BoundedStream::at(std::uint64_t seq) const {
    if (seq == 0) return std::nullopt;
    auto items = items_of(ctx_.client.call({"XRANGE", stream_, id_of(seq), id_of(seq)}));
    if (items.empty()) return std::nullopt;
    return std::move(items.front().payload);
}

BoundedStream::Stats BoundedStream::stats() const {
    auto replies = ctx_.client.pipeline({{"XLEN", stream_}, {"GET", seq_}, {"GET", dropped_}});
    return Stats{static_cast<std::size_t>(replies[0].as_int()),
                 static_cast<std::uint64_t>(replies[1].as_int()),
                 static_cast<std::uint64_t>(replies[2].as_int())};
}

void BoundedStream::clear() {
    ctx_.client.call({"DEL", stream_, dropped_});
}

}  // namespace rtc::state::redis
