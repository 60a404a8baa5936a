// The callback settings of the console, keyed by AppId and BusinessId ("" is the app's default): seeded from
// the fixture, changed by the callback actions and the admin API. Which setting a task's events go to is
// decided here (route), in one place (docs/service-facts.md §5).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config.h"

namespace rtc::callbacks {

struct CallbackSetting {
    std::string app_id;
    std::string business_id;  // "" = the app's default
    AppCallback callback;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

class CallbackStore {
  public:
    explicit CallbackStore(const Config& config) : config_(config) { reset(); }
    // Back to the fixture's settings.
    void reset();
    std::optional<CallbackSetting> get(const std::string& app_id, const std::string& business_id) const;
    // The setting a task of (app, business) reports to: its BusinessId's when there is one, else the app's
    // default; nullopt when neither exists.
    std::optional<CallbackSetting> route(const std::string& app_id, const std::string& business_id) const;
    // Every setting of an app, the default first.
    std::vector<CallbackSetting> of_app(const std::string& app_id) const;
    std::vector<CallbackSetting> all() const;
    // Creates or replaces a setting (keeps created_at of a replaced one).
    void put(const std::string& app_id, const std::string& business_id, AppCallback callback, TimeMs now);
    bool remove(const std::string& app_id, const std::string& business_id);

  private:
    using Key = std::pair<std::string, std::string>;
    const Config& config_;
    mutable std::mutex mu_;
    std::map<Key, CallbackSetting> settings_;
};

}  // namespace rtc::callbacks
