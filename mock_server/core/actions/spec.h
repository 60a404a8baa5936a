// How an action's request is declared: fields, types, ranges, defaults, normalisation, ID patterns, rate
// limit. One declaration per action (next to its seed page); validation, the reference docs, the
// conformance cases and the benchmarks all read it. No constraint is written anywhere else.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json/flat_json.h"

namespace rtc::spec {

enum class Type { String, Integer, Boolean, Object, Array };

// Where a field's value travels in the request: a POST action's fields are in its JSON body unless declared
// in the query string (DeleteCallback's AppId and BusinessId, docs/service-facts.md §5); a GET action's are
// all in the query string.
enum class Place { Body, Query };

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
    // The default, as the validator reads it (set by def()); null when the field has none.
    std::shared_ptr<const FlatJson> default_value;
    std::optional<std::size_t> max_length;  // String
    std::string pattern;                    // String: a full-match regex ("" = any)
    std::string pattern_text;               // how the docs and messages show the pattern
    std::optional<std::size_t> max_items;   // Array
    Rounding rounding = Rounding::None;
    std::vector<Field> children;  // Object: its fields; Array: the fields of each element object
    bool string_items = false;    // Array: the elements are non-empty strings, not objects
    std::string doc;              // the seed line it comes from

    std::string reason;  // error reason for any violation of this field ("" = one reason per kind of rule)
    bool empty_is_absent = false;  // "" / [] count as absent (then the default applies, if any)
    std::string unit;              // s, px, fps, kbps: shown in the reference and in messages
    std::string
        max_items_setting;      // config setting that overrides max_items (e.g. Validation.MaxVideoSolutions)
    std::string note;           // the mock's choice about this field, for the reference
    Place place = Place::Body;  // POST actions: body or query string (GET: always the query string)
    std::vector<std::string> aliases;  // other names accepted for it (an earlier spelling), after the name

    // Chainable setters, so a declaration reads like a row of the seed table.
    Field& req() {
        required = true;
        return *this;
    }
    Field& range(long long lo, long long hi) {
        min = lo;
        max = hi;
        return *this;
    }
    Field& or_zero_off() {
        zero_means_off = true;
        return *this;
    }
    // Read once, when the declaration is made.
    Field& def(const nlohmann::json& v) {
        std::optional<FlatJson::Error> error;
        default_value = std::make_shared<const FlatJson>(FlatJson::parse_copy(v.dump(), error));
        return *this;
    }
    // The default as a document (the reference docs, the conformance cases and the tests read it); null
    // when there is none.
    nlohmann::json default_json() const { return default_value ? default_value->root().to_json() : nullptr; }
    Field& max_len(std::size_t n) {
        max_length = n;
        return *this;
    }
    Field& match(std::string regex, std::string shown) {
        pattern = std::move(regex);
        pattern_text = std::move(shown);
        return *this;
    }
    Field& items(std::size_t n, std::string setting = "") {
        max_items = n;
        max_items_setting = std::move(setting);
        return *this;
    }
    Field& even() {
        rounding = Rounding::Even;
        return *this;
    }
    Field& of_strings() {
        string_items = true;
        return *this;
    }
    Field& of(std::vector<Field> c) {
        children = std::move(c);
        return *this;
    }
    Field& seed(std::string line) {
        doc = std::move(line);
        return *this;
    }
    Field& error(std::string r) {
        reason = std::move(r);
        return *this;
    }
    Field& empty_absent() {
        empty_is_absent = true;
        return *this;
    }
    Field& in(std::string u) {
        unit = std::move(u);
        return *this;
    }
    Field& choice(std::string n) {
        note = std::move(n);
        return *this;
    }
    Field& in_query() {
        place = Place::Query;
        return *this;
    }
    Field& alias(std::string other) {
        aliases.push_back(std::move(other));
        return *this;
    }
};

// A field of a given name and type (start of a declaration row).
inline Field field(std::string name, Type type) {
    Field f;
    f.name = std::move(name);
    f.type = type;
    return f;
}

// The documented ID rule: AppId, RoomId, TaskId, UserId, BusinessId.
inline constexpr const char* kIdPattern = "[a-zA-Z0-9_@\\-\\.]{1,128}";
inline Field id_field(std::string name) {
    return field(std::move(name), Type::String).match(kIdPattern, kIdPattern);
}

// AppId and RoomId have their own error codes (docs/service-facts.md §3); every other ID field is
// InvalidParameter.
inline Field app_id_field() {
    return id_field("AppId").req().error("IllegalAppId");
}
inline Field room_id_field() {
    return id_field("RoomId").req().error("IllegalRoomId");
}

const char* type_name(Type t);

// The versions the task actions (StartWebcast, StopWebcast, GetWebCastTask, StartWBRecord, StopWBRecord) are
// published at, with the same request and response fields (docs/service-facts.md §6).
inline std::vector<std::string> task_action_versions() {
    return {"2020-12-01", "2023-11-01"};
}

struct ActionSpec {
    std::string name;
    // The versions it is published at, oldest first (docs/service-facts.md §6); `Actions.Versions` in the
    // config replaces the list (ActionRegistry).
    std::vector<std::string> versions = {"2020-12-01"};
    std::string method;  // "POST": JSON body (and any field declared in_query()); "GET": query parameters
    int rate_limit = 0;  // requests per rolling second per account
    std::string rate_limit_doc;
    std::string seed;  // where it is published: a source of docs/service-facts.md
    std::vector<Field> fields;

    std::string summary;  // one line: what the action does
    std::vector<std::string>
        rules;  // behaviour beyond single fields (preconditions, task state), with source

    // Where a field of this action is read from: every field of a GET action is in the query string.
    Place place_of(const Field& f) const { return method == "GET" ? Place::Query : f.place; }
    // True when some field travels in the JSON body (a POST action whose fields are all in the query, like
    // DeleteCallback, takes an empty body).
    bool has_body_fields() const {
        for (const auto& f : fields)
            if (place_of(f) == Place::Body) return true;
        return false;
    }
};

// Every declared action.
const std::vector<ActionSpec>& action_specs();
const ActionSpec* find_action_spec(const std::string& name);
// The declaration of an action that must exist (a programming error otherwise: throws std::logic_error).
const ActionSpec& declared(const std::string& name);

}  // namespace rtc::spec
