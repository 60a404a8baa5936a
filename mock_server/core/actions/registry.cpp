#include "core/actions/registry.h"

#include <stdexcept>

namespace rtc {

void ActionRegistry::add(const spec::ActionSpec& spec, ActionHandler handler) {
    if (find(spec.name, spec.version)) throw std::logic_error("action registered twice: " + spec.name);
    defs_.push_back(ActionDef{&spec, std::move(handler)});
}

const ActionDef* ActionRegistry::find(const std::string& name, const std::string& version) const {
    for (const auto& d : defs_)
        if (d.spec->name == name && d.spec->version == version) return &d;
    return nullptr;
}

bool ActionRegistry::has_action(const std::string& name) const {
    for (const auto& d : defs_)
        if (d.spec->name == name) return true;
    return false;
}

}  // namespace rtc
