// Derived signing keys (four chained HMACs) cached per secret + date + region + service, so that verifying a
// request costs one HMAC for the key instead of five. Bounded and safe to share between server threads.
#pragma once

#include <cstddef>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rtc::signing {

class SigningKeyCache {
  public:
    // A key is valid for one UTC day, so a day's traffic needs one entry per credential; the bound only
    // protects memory against clients that sign with ever-changing scopes.
    static constexpr std::size_t kDefaultCapacity = 4096;

    explicit SigningKeyCache(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}
    // The signing key, derived on a miss.
    std::string get(std::string_view secret, std::string_view date, std::string_view region,
                    std::string_view service) const;
    std::size_t size() const;

  private:
    std::size_t capacity_;
    mutable std::shared_mutex mutex_;
    mutable std::unordered_map<std::string, std::string> keys_;
};

}  // namespace rtc::signing
