// The apps' console state on Redis: one hash (`app:all`, AppId -> the app's JSON), read from this
// replica's copy (EpochCache: no round trip on the request path) and changed through ReplicaSync::commit,
// so a change is in force on every replica when put() returns.
#pragma once

#include <map>

#include "core/state/apps.h"
#include "core/state/redis/epoch_cache.h"

namespace rtc::state::redis {

class RedisApps final : public Apps {
  public:
    RedisApps(Context& ctx, ReplicaSync& sync) : ctx_(ctx), sync_(sync), cache_(sync) {}
    std::optional<App> find(const std::string& app_id) const override;
    std::vector<App> all() const override;
    void put(const App& app) override;
    void reset() override;

    // The arguments that store the fixture's apps with hset_pairs (ReplicaSync::change_script).
    static std::vector<std::string> fixture_args(const std::vector<App>& apps);

  private:
    using Table = std::map<std::string, App>;
    std::shared_ptr<const Table> table() const;

    Context& ctx_;
    ReplicaSync& sync_;
    EpochCache<Table> cache_;
};

}  // namespace rtc::state::redis
