// The console's callback settings on Redis: one hash (`cb:all`, "AppId\nBusinessId" -> the setting's
// JSON), read and routed from this replica's copy (EpochCache: no round trip on the request path) and
// changed through ReplicaSync::commit, so a change is in force on every replica when it returns.
#pragma once

#include <map>
#include <utility>

#include "core/state/callback_settings.h"
#include "core/state/redis/epoch_cache.h"

namespace rtc::state::redis {

class RedisCallbackSettings final : public CallbackSettings {
  public:
    RedisCallbackSettings(Context& ctx, ReplicaSync& sync) : ctx_(ctx), sync_(sync), cache_(sync) {}
    std::optional<callbacks::CallbackSetting> get(const std::string& app_id,
                                                  const std::string& business_id) const override;
    std::optional<callbacks::CallbackSetting> route(const std::string& app_id,
                                                    const std::string& business_id) const override;
    std::vector<callbacks::CallbackSetting> of_app(const std::string& app_id) const override;
    std::vector<callbacks::CallbackSetting> all() const override;
    void put(const std::string& app_id, const std::string& business_id, const AppCallback& callback,
             TimeMs now) override;
    bool remove(const std::string& app_id, const std::string& business_id) override;
    void reset() override;

    // The arguments that store the fixture's settings with hset_pairs (ReplicaSync::change_script).
    static std::vector<std::string> fixture_args(const std::vector<CallbackFixture>& fixture);

  private:
    using Table = std::map<std::pair<std::string, std::string>, callbacks::CallbackSetting>;
    std::shared_ptr<const Table> table() const;

    Context& ctx_;
    ReplicaSync& sync_;
    EpochCache<Table> cache_;
};

}  // namespace rtc::state::redis
