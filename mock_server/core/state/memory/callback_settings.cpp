#include "core/state/memory/callback_settings.h"

namespace rtc::state::memory {

using callbacks::CallbackSetting;

void MemoryCallbackSettings::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    settings_.clear();
    for (const auto& f : fixture_)
        settings_[{f.app_id, f.business_id}] = CallbackSetting{f.app_id, f.business_id, f.callback, 0, 0};
}

std::optional<CallbackSetting> MemoryCallbackSettings::get(const std::string& app_id,
                                                           const std::string& business_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = settings_.find({app_id, business_id});
    if (it == settings_.end()) return std::nullopt;
    return it->second;
}

std::optional<CallbackSetting> MemoryCallbackSettings::route(const std::string& app_id,
                                                             const std::string& business_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    if (!business_id.empty()) {
        auto it = settings_.find({app_id, business_id});
        if (it != settings_.end()) return it->second;
    }
    auto it = settings_.find({app_id, ""});
    if (it == settings_.end()) return std::nullopt;
    return it->second;
}

std::vector<CallbackSetting> MemoryCallbackSettings::of_app(const std::string& app_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<CallbackSetting> out;
    for (auto it = settings_.lower_bound({app_id, ""}); it != settings_.end() && it->first.first == app_id;
         ++it)
        out.push_back(it->second);
    return out;
}

std::vector<CallbackSetting> MemoryCallbackSettings::all() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<CallbackSetting> out;
    for (const auto& [k, v] : settings_) out.push_back(v);
    return out;
}

void MemoryCallbackSettings::put(const std::string& app_id, const std::string& business_id,
                                 const AppCallback& callback, TimeMs now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& s = settings_[{app_id, business_id}];
    if (s.app_id.empty()) s.created_at = now;
    s.app_id = app_id;
    s.business_id = business_id;
    s.callback = callback;
    s.updated_at = now;
}

bool MemoryCallbackSettings::remove(const std::string& app_id, const std::string& business_id) {
    std::lock_guard<std::mutex> lock(mu_);
    return settings_.erase({app_id, business_id}) > 0;
}

}  // namespace rtc::state::memory
