#include "core/actions/registry.h"

namespace rtc {

void ActionRegistry::add(ActionDef def) {
    defs_.push_back(std::move(def));
}

const ActionDef* ActionRegistry::find(const std::string& name, const std::string& version) const {
    for (const auto& d : defs_)
        if (d.name == name && d.version == version) return &d;
    return nullptr;
}

bool ActionRegistry::has_action(const std::string& name) const {
    for (const auto& d : defs_)
        if (d.name == name) return true;
    return false;
}

}  // namespace rtc
