#include "core/signing/key_cache.h"

#include <mutex>

#include "core/signing/canonical.h"

namespace rtc::signing {

std::string SigningKeyCache::get(std::string_view secret, std::string_view date, std::string_view region,
                                 std::string_view service) const {
    std::string id;
    id.reserve(secret.size() + date.size() + region.size() + service.size() + 3);
    // '\0' cannot occur in any part the verifier passes (they come from '/'-split text and the fixture).
    id.append(secret).push_back('\0');
    id.append(date).push_back('\0');
    id.append(region).push_back('\0');
    id.append(service);
    {
        std::shared_lock lock(mutex_);
        auto it = keys_.find(id);
        if (it != keys_.end()) return it->second;
    }
    std::string key = signing_key(secret, date, region, service);
    std::unique_lock lock(mutex_);
    // Full: start over rather than track recency; a refill costs one derivation per live credential.
    if (keys_.size() >= capacity_) keys_.clear();
    keys_.emplace(std::move(id), key);
    return key;
}

std::size_t SigningKeyCache::size() const {
    std::shared_lock lock(mutex_);
    return keys_.size();
}

}  // namespace rtc::signing
