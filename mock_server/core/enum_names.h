// Closed sets are enum classes in the code and text only where JSON or a config file is read or written:
// one table per enum gives both directions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtc {

template <typename E>
struct EnumName {
    E value;
    const char* name;
};

template <typename E, std::size_t N>
const char* name_of(const EnumName<E> (&table)[N], E value) {
    for (const auto& e : table)
        if (e.value == value) return e.name;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const EnumName<E> (&table)[N], std::string_view name) {
    for (const auto& e : table)
        if (name == e.name) return e.value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::vector<std::string> names_of(const EnumName<E> (&table)[N]) {
    std::vector<std::string> out;
    for (const auto& e : table) out.emplace_back(e.name);
    return out;
}

}  // namespace rtc
