// How an action's request is declared: fields, types, ranges, defaults, normalisation, ID patterns, rate
// limit. One declaration per action (next to its seed page); validation, the reference docs, the
// conformance cases and the benchmarks all read it. No constraint is written anywhere else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rtc::spec {

enum class Type { String, Integer, Boolean, Object, Array };

enum class Rounding {
    None,
    Even,  // an odd value is adjusted to even (Validation.OddDimensionRounding says which way)
};

struct Field {
    std::string name;
    Type type = Type::String;
    bool required = false;
    std::optional<long long> min;  // Integer: inclusive range
    std::optional<long long> max;
    bool zero_means_off = false;  // Integer: 0 is accepted besides [min,max] (the monitor intervals)
    std::optional<nlohmann::json> default_value;
    std::optional<std::size_t> max_length;  // String
    std::string pattern;                    // String: a full-match regex ("" = any)
    std::string pattern_text;               // how the docs and messages show the pattern
    std::optional<std::size_t> max_items;   // Array
    Rounding rounding = Rounding::None;
    std::vector<Field> children;  // Object: its fields; Array: the fields of each element object
    std::string doc;              // the seed line it comes from
};

struct ActionSpec {
    std::string name;
    std::string version = "2020-12-01";
    std::string method;  // "POST": JSON body; "GET": query parameters
    int rate_limit = 0;  // requests per rolling second per account
    std::string rate_limit_doc;
    std::string seed;  // ../shared/seeds file or API.md section
    std::vector<Field> fields;
};

// Every declared action (issue 4 fills these in).
const std::vector<ActionSpec>& action_specs();
const ActionSpec* find_action_spec(const std::string& name);

}  // namespace rtc::spec
