// Reading a record's fields back from its JSON (the codecs of core/state/codec/): each read names the field
// when it is missing or of the wrong type, so a bad stored record or import says what is wrong.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc::state::codec {

// The member `name` of `j` as a T; throws std::invalid_argument naming `what.name` when it is absent or not
// a T.
template <typename T>
T field(const nlohmann::json& j, const char* what, const char* name) {
    auto it = j.find(name);
    if (it == j.end()) throw std::invalid_argument(std::string(what) + "." + name + ": missing");
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument(std::string(what) + "." + name + ": wrong type");
    }
}

// The same for an optional member: nullopt when absent or null.
template <typename T>
std::optional<T> optional_field(const nlohmann::json& j, const char* what, const char* name) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return field<T>(j, what, name);
}

// An enum written by its name: `from(name)` reads it back; throws naming the field for an unknown name.
template <typename E, typename From>
E enum_field(const nlohmann::json& j, const char* what, const char* name, From from) {
    auto value = from(field<std::string>(j, what, name));
    if (!value) throw std::invalid_argument(std::string(what) + "." + name + ": unknown value");
    return *value;
}

// A JSON object as text for a store: bytes that are not UTF-8 (a request body may hold any) become U+FFFD,
// as in every JSON view of the mock, instead of failing the write.
inline std::string store_text(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rtc::state::codec
