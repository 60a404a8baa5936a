// Derived signing keys (four chained HMACs), ready to sign: their padded blocks already absorbed, per
// secret + date + region + service. Each thread keeps its own few (a day's traffic needs one per credential),
// so verifying a request takes no lock and derives nothing after the first request of the day.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/crypto.h"

namespace rtc::signing {

class SigningKeyCache {
  public:
    // Keys kept per thread and cache; the oldest is replaced first.
    static constexpr std::size_t kPerThread = 16;

    SigningKeyCache();
    // The signing key, derived on a miss. The reference stays valid until this thread's next get().
    const HmacSha256& get(std::string_view secret, std::string_view date, std::string_view region,
                          std::string_view service) const;
    // Keys this thread holds for this cache.
    std::size_t size() const;

  private:
    const std::uint64_t id_;  // tells this cache's keys from another's in a thread's slots
};

}  // namespace rtc::signing
