// state::Replicas over the heartbeats the replica sync loop writes (replica_sync.h): a replica is alive while
// its heartbeat is younger than kReplicaLiveMs on Redis's own clock.
#pragma once

#include "core/state/redis/context.h"
#include "core/state/replicas.h"

namespace rtc::state::redis {

class ReplicaLiveness final : public Replicas {
  public:
    explicit ReplicaLiveness(Context& ctx) : ctx_(ctx), heartbeats_(ctx.key("replicas")) {}
    const std::string& self() const override { return ctx_.replica; }
    // One round trip; asked only when a real page's timer falls due in a process that does not hold it.
    bool alive(const std::string& replica) const override;

  private:
    Context& ctx_;
    const std::string heartbeats_;
};

}  // namespace rtc::state::redis
