// Strict reading of a record's JSON for the codecs (codec/*_json.h): each reader takes the field's path for
// the message, so a stored or imported record that is not what we wrote fails naming the field.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc::state::codec {

// The member `name` of object `j` (at `path`); throws std::invalid_argument "PATH.NAME: missing" when absent
// or when `j` is not an object.
const nlohmann::json& member(const nlohmann::json& j, const std::string& path, const char* name);

std::string read_string(const nlohmann::json& j, const std::string& path, const char* name);
bool read_bool(const nlohmann::json& j, const std::string& path, const char* name);
std::int64_t read_int(const nlohmann::json& j, const std::string& path, const char* name);
std::uint64_t read_uint(const nlohmann::json& j, const std::string& path, const char* name);
// An int that must fit in 32 bits.
int read_int32(const nlohmann::json& j, const std::string& path, const char* name);

double read_number(const nlohmann::json& j, const std::string& path, const char* name);
// An optional integer: absent or null is nullopt.
std::optional<std::int64_t> read_optional_int(const nlohmann::json& j, const std::string& path,
                                              const char* name);

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

// "PATH.NAME" ("NAME" when path is empty).
std::string field_path(const std::string& path, const char* name);

}  // namespace rtc::state::codec
