#include "core/config_reader.h"

#include <algorithm>
#include <cstring>

namespace rtc {

namespace {
const char* type_name(const nlohmann::json& j) {
    return j.type_name();
}
}  // namespace

ConfigField ConfigField::operator[](const char* key) const {
    expect_object();
    std::string path = path_.empty() ? key : path_ + "." + key;
    if (!value_.contains(key)) throw ConfigError(file_, path, "is required");
    return ConfigField(value_.at(key), std::move(path), file_);
}

ConfigField ConfigField::at(std::size_t index) const {
    expect_array();
    return ConfigField(value_.at(index), path_ + "[" + std::to_string(index) + "]", file_);
}

std::vector<std::string> ConfigField::keys() const {
    expect_object();
    std::vector<std::string> out;
    for (auto it = value_.begin(); it != value_.end(); ++it) out.push_back(it.key());
    return out;
}

void ConfigField::expect_object() const {
    if (!value_.is_object()) fail(std::string("must be an object, got ") + type_name(value_));
}

void ConfigField::expect_array() const {
    if (!value_.is_array()) fail(std::string("must be an array, got ") + type_name(value_));
}

void ConfigField::only_keys(std::initializer_list<const char*> allowed) const {
    expect_object();
    for (auto it = value_.begin(); it != value_.end(); ++it) {
        bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return it.key() == a; });
        if (!ok) {
            std::string list;
            for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            throw ConfigError(file_, path_.empty() ? it.key() : path_ + "." + it.key(),
                              "unknown setting (known here: " + list + ")");
        }
    }
}

std::string ConfigField::str() const {
    if (!value_.is_string()) fail(std::string("must be a string, got ") + type_name(value_));
    return value_.get<std::string>();
}

std::string ConfigField::nonempty_str() const {
    std::string s = str();
    if (s.empty()) fail("must not be empty");
    return s;
}

std::string ConfigField::str_matching(const std::vector<std::string>& choices) const {
    std::string s = str();
    if (std::find(choices.begin(), choices.end(), s) != choices.end()) return s;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    fail("must be one of " + list + ", got \"" + s + "\"");
}

std::int64_t ConfigField::integer(std::int64_t min, std::int64_t max) const {
    if (!value_.is_number_integer()) fail(std::string("must be an integer, got ") + type_name(value_));
    std::int64_t v = value_.is_number_unsigned() && value_.get<std::uint64_t>() > INT64_MAX
                         ? INT64_MAX
                         : value_.get<std::int64_t>();
    if (v < min || v > max)
        fail("must be in [" + std::to_string(min) + "," + std::to_string(max) + "], got " +
             std::to_string(v));
    return v;
}

bool ConfigField::boolean() const {
    if (!value_.is_boolean()) fail(std::string("must be true or false, got ") + type_name(value_));
    return value_.get<bool>();
}

}  // namespace rtc
