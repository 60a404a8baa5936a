// Where the console's callback settings live, keyed by AppId and BusinessId ("" is the app's default): the
// fixture's, changed by the callback actions and the admin API. Which setting a task's events go to is
// decided here (route), in one place (docs/service-facts.md §5).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/models/callbacks.h"

namespace rtc::state {

class CallbackSettings {
  public:
    virtual ~CallbackSettings() = default;
    virtual std::optional<callbacks::CallbackSetting> get(const std::string& app_id,
                                                          const std::string& business_id) const = 0;
    // The setting a task of (app, business) reports to: its BusinessId's when there is one, else the app's
    // default; nullopt when neither exists.
    virtual std::optional<callbacks::CallbackSetting> route(const std::string& app_id,
                                                            const std::string& business_id) const = 0;
    // Every setting of an app, the default first.
    virtual std::vector<callbacks::CallbackSetting> of_app(const std::string& app_id) const = 0;
    virtual std::vector<callbacks::CallbackSetting> all() const = 0;
    // Creates or replaces a setting (a replaced one keeps its created_at).
    virtual void put(const std::string& app_id, const std::string& business_id, const AppCallback& callback,
                     TimeMs now) = 0;
    // False when there was no such setting.
    virtual bool remove(const std::string& app_id, const std::string& business_id) = 0;
    // Back to the fixture's settings.
    virtual void reset() = 0;
};

}  // namespace rtc::state
