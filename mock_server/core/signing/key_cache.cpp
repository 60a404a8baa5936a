#include "core/signing/key_cache.h"

#include <array>
#include <atomic>
#include <optional>
#include <string>

#include "core/signing/canonical.h"

namespace rtc::signing {

namespace {

struct Slot {
    std::uint64_t owner = 0;
    std::string secret, date, region, service;
    std::optional<HmacSha256> key;
};

struct ThreadKeys {
    std::array<Slot, SigningKeyCache::kPerThread> slots;
    std::size_t next = 0;  // the slot replaced on the next miss
};

thread_local ThreadKeys keys;
std::atomic<std::uint64_t> next_id{1};

}  // namespace

SigningKeyCache::SigningKeyCache() : id_(next_id.fetch_add(1)) {}

const HmacSha256& SigningKeyCache::get(std::string_view secret, std::string_view date,
                                       std::string_view region, std::string_view service) const {
    for (auto& s : keys.slots)
        if (s.owner == id_ && s.date == date && s.secret == secret && s.region == region &&
            s.service == service)
            return *s.key;
    Slot& s = keys.slots[keys.next];
    keys.next = (keys.next + 1) % keys.slots.size();
    s.owner = id_;
    s.secret = secret;
    s.date = date;
    s.region = region;
    s.service = service;
    s.key.emplace(signing_key(secret, date, region, service));
    return *s.key;
}

std::size_t SigningKeyCache::size() const {
    std::size_t n = 0;
    for (const auto& s : keys.slots) n += s.owner == id_ ? 1 : 0;
    return n;
}

}  // namespace rtc::signing
