#include "core/actions/spec.h"
#include "core/actions/spec_sources.h"

#include <stdexcept>

namespace rtc::spec {

const char* type_name(Type t) {
    switch (t) {
        case Type::String:
            return "String";
        case Type::Integer:
            return "Integer";
        case Type::Boolean:
            return "Boolean";
        case Type::Object:
            return "Object";
        case Type::Array:
            return "Object[]";
    }
    return "?";
}

const std::vector<ActionSpec>& action_specs() {
    static const std::vector<ActionSpec> specs = [] {
        std::vector<ActionSpec> all = webcast_action_specs();
        for (auto& s : wbrecord_action_specs()) all.push_back(std::move(s));
        for (const auto& s : callback_action_specs()) all.push_back(s);
        return all;
    }();
    return specs;
}

const ActionSpec* find_action_spec(const std::string& name) {
    for (const auto& s : action_specs())
        if (s.name == name) return &s;
    return nullptr;
}

const ActionSpec& declared(const std::string& name) {
    const ActionSpec* s = find_action_spec(name);
    if (!s) throw std::logic_error("no declaration for " + name);
    return *s;
}

}  // namespace rtc::spec
