// Reading one field of a stored record back (codec/*_json.cpp): the value of the type asked for, or
// std::invalid_argument naming the field, so a damaged record says what is wrong with it.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc::state::codec {

inline const nlohmann::json& field(const nlohmann::json& j, const char* name) {
    if (!j.is_object()) throw std::invalid_argument(std::string("not an object where ") + name + " is read");
    auto it = j.find(name);
    if (it == j.end()) throw std::invalid_argument(std::string("missing field ") + name);
    return *it;
}

inline std::string str_field(const nlohmann::json& j, const char* name) {
    const auto& v = field(j, name);
    if (!v.is_string()) throw std::invalid_argument(std::string("field ") + name + " is not a string");
    return v.get<std::string>();
}

inline bool bool_field(const nlohmann::json& j, const char* name) {
    const auto& v = field(j, name);
    if (!v.is_boolean()) throw std::invalid_argument(std::string("field ") + name + " is not a boolean");
    return v.get<bool>();
}

inline std::int64_t int_field(const nlohmann::json& j, const char* name) {
    const auto& v = field(j, name);
    if (!v.is_number_integer())
        throw std::invalid_argument(std::string("field ") + name + " is not an integer");
    return v.get<std::int64_t>();
}

inline double number_field(const nlohmann::json& j, const char* name) {
    const auto& v = field(j, name);
    if (!v.is_number()) throw std::invalid_argument(std::string("field ") + name + " is not a number");
    return v.get<double>();
}

// An optional integer: absent or null is nullopt.
inline std::optional<std::int64_t> opt_int_field(const nlohmann::json& j, const char* name) {
    if (!j.is_object() || !j.contains(name) || j.at(name).is_null()) return std::nullopt;
    return int_field(j, name);
}

}  // namespace rtc::state::codec
