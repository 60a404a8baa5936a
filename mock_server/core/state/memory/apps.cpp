#include "core/state/memory/apps.h"

namespace rtc::state::memory {

void MemoryApps::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    apps_.clear();
    for (const auto& a : fixture_) apps_[a.app_id] = a;
}

std::optional<App> MemoryApps::find(const std::string& app_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = apps_.find(app_id);
    if (it == apps_.end()) return std::nullopt;
    return it->second;
}

std::vector<App> MemoryApps::all() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<App> out;
    out.reserve(apps_.size());
    for (const auto& [id, a] : apps_) out.push_back(a);
    return out;
}

void MemoryApps::put(const App& app) {
    std::lock_guard<std::mutex> lock(mu_);
    apps_[app.app_id] = app;
}

}  // namespace rtc::state::memory
