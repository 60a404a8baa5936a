// The apps' console state in process memory: one map under one lock (read on every action, changed rarely).
#pragma once

#include <map>
#include <mutex>

#include "core/state/apps.h"

namespace rtc::state::memory {

class MemoryApps final : public Apps {
  public:
    explicit MemoryApps(std::vector<App> fixture) : fixture_(std::move(fixture)) { reset(); }
    std::optional<App> find(const std::string& app_id) const override;
    std::vector<App> all() const override;
    void put(const App& app) override;
    void reset() override;

  private:
    const std::vector<App> fixture_;
    mutable std::mutex mu_;
    std::map<std::string, App> apps_;
};

}  // namespace rtc::state::memory
