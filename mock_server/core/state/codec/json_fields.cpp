#include "core/state/codec/json_fields.h"

#include <limits>
#include <stdexcept>

namespace rtc::state::codec {

namespace {

[[noreturn]] void bad(const std::string& path, const char* name, const char* what) {
    throw std::invalid_argument(field_path(path, name) + ": " + what);
}

}  // namespace

std::string field_path(const std::string& path, const char* name) {
    return path.empty() ? std::string(name) : path + "." + name;
}

const nlohmann::json& member(const nlohmann::json& j, const std::string& path, const char* name) {
    if (!j.is_object()) bad(path, name, "missing (not inside an object)");
    auto it = j.find(name);
    if (it == j.end()) bad(path, name, "missing");
    return *it;
}

std::string read_string(const nlohmann::json& j, const std::string& path, const char* name) {
    const auto& v = member(j, path, name);
    if (!v.is_string()) bad(path, name, "not a string");
    return v.get<std::string>();
}

bool read_bool(const nlohmann::json& j, const std::string& path, const char* name) {
    const auto& v = member(j, path, name);
    if (!v.is_boolean()) bad(path, name, "not a boolean");
    return v.get<bool>();
}

std::int64_t read_int(const nlohmann::json& j, const std::string& path, const char* name) {
    const auto& v = member(j, path, name);
    if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            bad(path, name, "out of range");
        return static_cast<std::int64_t>(v.get<std::uint64_t>());
    }
    if (!v.is_number_integer()) bad(path, name, "not an integer");
    return v.get<std::int64_t>();
}

std::uint64_t read_uint(const nlohmann::json& j, const std::string& path, const char* name) {
    const auto& v = member(j, path, name);
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0) bad(path, name, "not an unsigned integer");
    return static_cast<std::uint64_t>(v.get<std::int64_t>());
}

int read_int32(const nlohmann::json& j, const std::string& path, const char* name) {
    const std::int64_t v = read_int(j, path, name);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        bad(path, name, "out of range");
    return static_cast<int>(v);
}

double read_number(const nlohmann::json& j, const std::string& path, const char* name) {
    const auto& v = member(j, path, name);
    if (!v.is_number()) bad(path, name, "not a number");
    return v.get<double>();
}

std::optional<std::int64_t> read_optional_int(const nlohmann::json& j, const std::string& path,
                                              const char* name) {
    if (!j.is_object() || !j.contains(name) || j.at(name).is_null()) return std::nullopt;
    return read_int(j, path, name);
}

}  // namespace rtc::state::codec
