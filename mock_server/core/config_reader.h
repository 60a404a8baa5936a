// Walks a JSON config document with a path, so every problem is reported as `file: field: problem`.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/enum_names.h"

namespace rtc {

class ConfigError : public std::runtime_error {
  public:
    ConfigError(const std::string& file, const std::string& field, const std::string& problem)
        : std::runtime_error(file + ": " + (field.empty() ? "(top level)" : field) + ": " + problem) {}
};

class ConfigField {
  public:
    ConfigField(const nlohmann::json& value, std::string path, const std::string& file)
        : value_(value), path_(std::move(path)), file_(file) {}

    const nlohmann::json& json() const { return value_; }
    const std::string& path() const { return path_; }
    [[noreturn]] void fail(const std::string& problem) const { throw ConfigError(file_, path_, problem); }

    bool has(const char* key) const { return value_.is_object() && value_.contains(key); }
    ConfigField operator[](const char* key) const;
    ConfigField at(std::size_t index) const;
    std::size_t size() const { return value_.size(); }
    std::vector<std::string> keys() const;

    void expect_object() const;
    void expect_array() const;
    // Rejects keys outside `allowed`: a misspelt setting is an error, not a silent default.
    void only_keys(std::initializer_list<const char*> allowed) const;

    std::string str() const;
    std::string nonempty_str() const;
    std::string str_matching(const std::vector<std::string>& choices) const;
    // A closed set's value by its name in `table` (core/enum_names.h).
    template <typename E, std::size_t N>
    E one_of(const EnumName<E> (&table)[N]) const {
        return *value_of(table, str_matching(names_of(table)));
    }
    std::int64_t integer(std::int64_t min, std::int64_t max) const;
    bool boolean() const;

    // Optional members: leave `out` untouched when the key is absent.
    void get(const char* key, std::string& out) const {
        if (has(key)) out = (*this)[key].str();
    }
    void get(const char* key, bool& out) const {
        if (has(key)) out = (*this)[key].boolean();
    }
    template <typename Int>
    void get(const char* key, Int& out, std::int64_t min, std::int64_t max) const {
        if (has(key)) out = static_cast<Int>((*this)[key].integer(min, max));
    }

  private:
    const nlohmann::json& value_;
    std::string path_;
    const std::string& file_;
};

}  // namespace rtc
