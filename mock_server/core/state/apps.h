// Where the console state of the apps lives (VOD, cloud recording, whiteboard mode): the fixture's apps,
// changed at run time by `PUT /_mock/apps/{AppId}`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/models/app.h"

namespace rtc::state {

class Apps {
  public:
    virtual ~Apps() = default;
    virtual std::optional<App> find(const std::string& app_id) const = 0;
    // Every app, by AppId.
    virtual std::vector<App> all() const = 0;
    // Creates or replaces an app's settings (the caller has checked them).
    virtual void put(const App& app) = 0;
    // Back to the fixture's apps.
    virtual void reset() = 0;
};

}  // namespace rtc::state
