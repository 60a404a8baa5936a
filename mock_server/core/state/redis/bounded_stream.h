// A bounded, numbered log in Redis: a stream whose entry IDs are `{seq}-0`, seq taken from a counter in the
// same script, so Seqs rise with the stream's order, are consecutive along it, and never restart (clear keeps
// the counter). Past the capacity the oldest entries go (exact MAXLEN), counted as dropped. The request
// journal (`journal:`) and the callback attempts' journal (`dl:a:`) are both one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/state/redis/context.h"

namespace rtc::state::redis {

class BoundedStream {
  public:
    struct Item {
        std::uint64_t seq = 0;
        std::string payload;
    };
    struct Range {
        std::vector<Item> items;  // oldest first
        std::size_t after = 0;    // entries kept with Seq > since (filled by newest())
        std::uint64_t dropped = 0;
    };
    struct Stats {
        std::size_t size = 0;
        std::uint64_t recorded = 0;  // the last Seq given
        std::uint64_t dropped = 0;   // evicted since the last clear
    };

    // Keys: PREFIX + base + "s" (the stream), "seq", "dropped".
    BoundedStream(Context& ctx, const std::string& base, std::size_t capacity);

    // Keeps `payload` under the next Seq (one round trip); returns the Seq.
    std::uint64_t append(const std::string& payload);
    // The same without waiting for Redis's answer (Client::post): `then` gets the Seq on the collector
    // thread.
    void post(const std::string& payload, std::function<void(std::uint64_t)> then);
    // Every entry with Seq > since, and the drop count (one round trip).
    Range after(std::uint64_t since) const;
    // The newest `n` entries with Seq > since, how many there are in all, and the drop count (one round
    // trip).
    Range newest(std::size_t n, std::uint64_t since) const;
    // How many entries with Seq > since are kept (one round trip).
    std::size_t count_after(std::uint64_t since) const;
    std::optional<std::string> at(std::uint64_t seq) const;
    Stats stats() const;
    std::size_t capacity() const { return capacity_; }
    // Empties the stream and its drop count; Seqs go on from where they were.
    void clear();
    const std::string& seq_key() const { return seq_; }

  private:
    Context& ctx_;
    const std::string stream_, seq_, dropped_;
    const std::size_t capacity_;
};

}  // namespace rtc::state::redis
