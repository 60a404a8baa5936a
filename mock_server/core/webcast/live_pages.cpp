#include "core/webcast/live_pages.h"

namespace rtc::webcast {

std::shared_ptr<Page> LivePages::get(const TaskKey& key, std::uint64_t instance) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = pages_.find(key);
    if (it == pages_.end() || (instance && it->second.instance != instance)) return nullptr;
    return it->second.page;
}

void LivePages::put(const TaskKey& key, std::uint64_t instance, std::shared_ptr<Page> page) {
    std::shared_ptr<Page> replaced;  // closed by its own instance's end, never here
    std::lock_guard<std::mutex> lock(mu_);
    Open& o = pages_[key];
    replaced = std::move(o.page);
    o = Open{instance, std::move(page)};
}

std::shared_ptr<Page> LivePages::take(const TaskKey& key, std::uint64_t instance) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = pages_.find(key);
    if (it == pages_.end() || it->second.instance != instance) return nullptr;
    std::shared_ptr<Page> page = std::move(it->second.page);
    pages_.erase(it);
    return page;
}

std::vector<std::shared_ptr<Page>> LivePages::take_all() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::shared_ptr<Page>> out;
    for (auto& [k, o] : pages_) out.push_back(std::move(o.page));
    pages_.clear();
    return out;
}

}  // namespace rtc::webcast
