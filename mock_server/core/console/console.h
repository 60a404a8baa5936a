// The console state of every app (VOD, cloud recording, whiteboard mode, callback settings): loaded from the
// fixture, changed at run time by `PUT /_mock/apps/{AppId}` and the Callback actions, reset to the fixture.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"

namespace rtc {

class Console {
  public:
    explicit Console(const Config& config) : config_(config) { reset(); }
    void reset();
    std::optional<App> app(const std::string& app_id) const;
    std::vector<App> apps() const;
    // Replaces an app's settings (the caller has validated them).
    void put(App app);

  private:
    const Config& config_;
    mutable std::mutex mu_;
    std::map<std::string, App> apps_;
};

}  // namespace rtc
