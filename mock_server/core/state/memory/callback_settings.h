// The console's callback settings in process memory: one ordered map by (AppId, BusinessId) under one lock.
#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "core/state/callback_settings.h"

namespace rtc::state::memory {

class MemoryCallbackSettings final : public CallbackSettings {
  public:
    explicit MemoryCallbackSettings(std::vector<CallbackFixture> fixture) : fixture_(std::move(fixture)) {
        reset();
    }
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

  private:
    using Key = std::pair<std::string, std::string>;
    const std::vector<CallbackFixture> fixture_;
    mutable std::mutex mu_;
    std::map<Key, callbacks::CallbackSetting> settings_;
};

}  // namespace rtc::state::memory
