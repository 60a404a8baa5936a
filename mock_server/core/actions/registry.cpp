#include "core/actions/registry.h"

#include <algorithm>
#include <stdexcept>

namespace rtc {

void ActionRegistry::add(const spec::ActionSpec& spec, ActionHandler handler) {
    if (has_action(spec.name)) throw std::logic_error("action registered twice: " + spec.name);
    auto o = version_overrides_.find(spec.name);
    defs_.push_back(
        ActionDef{&spec, std::move(handler), o != version_overrides_.end() ? o->second : spec.versions});
}

const ActionDef* ActionRegistry::find(const std::string& name, const std::string& version) const {
    for (const auto& d : defs_)
        if (d.spec->name == name)
            return std::find(d.versions.begin(), d.versions.end(), version) != d.versions.end() ? &d
                                                                                                : nullptr;
    return nullptr;
}

bool ActionRegistry::has_action(const std::string& name) const {
    for (const auto& d : defs_)
        if (d.spec->name == name) return true;
    return false;
}

}  // namespace rtc
