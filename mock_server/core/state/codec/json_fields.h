// Strict reading of a record's JSON for the codecs (codec/*_json.h): each reader takes the field's path for
// the message, so a stored or imported record that is not what we wrote fails naming the field.
#pragma once

#include <cstdint>
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

// "PATH.NAME" ("NAME" when path is empty).
std::string field_path(const std::string& path, const char* name);

}  // namespace rtc::state::codec
