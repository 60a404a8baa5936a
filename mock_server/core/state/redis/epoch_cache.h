// A copy of some Redis state in this replica's memory, used while it is current: loaded at an epoch no
// older than the one the replica knows of (ReplicaSync::known()) and while the replica heartbeats. Else the
// next read loads it again (the loader reads the state and the epoch in one script, so they agree).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

#include "core/state/redis/replica_sync.h"

namespace rtc::state::redis {

template <typename T>
class EpochCache {
  public:
    struct Loaded {
        std::shared_ptr<const T> value;
        std::uint64_t epoch = 0;
    };

    explicit EpochCache(const ReplicaSync& sync) : sync_(sync) {}

    // The current copy; `load()` (returning {T, epoch}) when there is none.
    template <typename Load>
    Loaded get(Load&& load) const {
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (value_ && epoch_ >= sync_.known() && sync_.fresh()) return {value_, epoch_};
        }
        auto [value, epoch] = load();
        Loaded fresh{std::make_shared<const T>(std::move(value)), epoch};
        put(fresh);
        return fresh;
    }

    // Keeps `loaded` unless a newer copy is there already.
    void put(const Loaded& loaded) const {
        std::lock_guard<std::mutex> lock(mu_);
        if (!value_ || loaded.epoch >= epoch_) {
            value_ = loaded.value;
            epoch_ = loaded.epoch;
        }
    }

  private:
    const ReplicaSync& sync_;
    mutable std::mutex mu_;
    mutable std::shared_ptr<const T> value_;
    mutable std::uint64_t epoch_ = 0;
};

}  // namespace rtc::state::redis
