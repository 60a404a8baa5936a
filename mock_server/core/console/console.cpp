#include "core/console/console.h"

namespace rtc {

void Console::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    apps_.clear();
    for (const auto& a : config_.apps) apps_[a.app_id] = a;
}

std::optional<App> Console::app(const std::string& app_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = apps_.find(app_id);
    if (it == apps_.end()) return std::nullopt;
    return it->second;
}

std::vector<App> Console::apps() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<App> out;
    for (const auto& [id, a] : apps_) out.push_back(a);
    return out;
}

void Console::put(App app) {
    std::lock_guard<std::mutex> lock(mu_);
    apps_[app.app_id] = std::move(app);
}

}  // namespace rtc
