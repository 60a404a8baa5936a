// A JSON document read into one flat array of nodes: what the validator walks instead of a DOM. A request
// body becomes a handful of allocations (the node and member arrays, reused capacity) rather than one per
// value and key; strings stay where they are in the text unless they carry escapes.
//
// It reads exactly what nlohmann::json::parse reads (RFC 8259, UTF-8 checked, a leading BOM skipped) and
// keeps its DOM's view of an object: members in key order (byte-wise), a repeated key holding its last
// value. The fuzz target and tests/unit/flat_json_test.cpp hold the two side by side.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace rtc {

class FlatJson {
  public:
    // The kinds nlohmann::json distinguishes: Integer is a negative whole number that fits int64, Unsigned a
    // non-negative one that fits uint64, Float anything else that is a number.
    enum class Kind : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

    struct Error {
        std::size_t byte = 0;           // 1-based position where reading stopped
        bool number_too_large = false;  // a number beyond a double (1e400): JSON itself was fine
    };

    class View;

    // Reads `text`, which must outlive the document (use `parse_copy` otherwise).
    static FlatJson parse(std::string_view text, std::optional<Error>& error);
    // Reads a copy of `text` the document keeps.
    static FlatJson parse_copy(std::string text, std::optional<Error>& error);
    // An object of string members (a query string's parameters) but those `skip` names: for a repeated name
    // the first value counts.
    static FlatJson from_strings(const std::vector<std::pair<std::string, std::string>>& members,
                                 bool (*skip)(const std::string& name) = nullptr);

    FlatJson() = default;
    View root() const;
    bool empty() const { return nodes_.empty(); }

  private:
    struct Str {
        std::uint32_t off = 0, len = 0;
        bool decoded = false;  // in decoded_ (it had escapes), else in the text
    };
    struct Node {
        Kind kind = Kind::Null;
        bool boolean = false;
        std::uint32_t begin = 0, end = 0;    // the value's span in the text
        std::uint32_t first = 0, count = 0;  // Array/Object: its entries in items_
        Str str;                             // String
        std::int64_t integer = 0;            // Integer
        std::uint64_t unsigned_value = 0;    // Unsigned
    };
    struct Item {
        Str key;  // Object members only
        std::uint32_t value = 0;
    };

    std::string_view text() const { return owned_ ? std::string_view(own_text_) : ext_text_; }
    std::string_view str(const Str& s) const {
        return s.decoded ? std::string_view(decoded_).substr(s.off, s.len) : text().substr(s.off, s.len);
    }
    bool read(std::optional<Error>& error);
    // An object's members in key order (byte-wise, stable), one per key: the last sent (a JSON body, as
    // nlohmann's DOM keeps it) or the first (a query string). Returns the new end.
    std::vector<Item>::iterator order_members(std::vector<Item>::iterator begin,
                                              std::vector<Item>::iterator end, bool keep_last) const;

    std::vector<Node> nodes_;
    std::vector<Item> items_;
    std::string decoded_;
    bool owned_ = false;
    std::string own_text_;
    std::string_view ext_text_;

    friend class FlatJsonReader;
};

class FlatJson::View {
  public:
    View(const FlatJson* doc, std::uint32_t node) : doc_(doc), node_(node) {}

    Kind kind() const { return n().kind; }
    bool is_null() const { return kind() == Kind::Null; }
    bool is_boolean() const { return kind() == Kind::Boolean; }
    bool is_string() const { return kind() == Kind::String; }
    bool is_array() const { return kind() == Kind::Array; }
    bool is_object() const { return kind() == Kind::Object; }
    bool boolean() const { return n().boolean; }
    std::int64_t integer() const { return n().integer; }
    std::uint64_t unsigned_value() const { return n().unsigned_value; }
    std::string_view str() const { return doc_->str(n().str); }

    // Array or Object: how many entries (an object's after repeated keys are merged).
    std::size_t size() const { return n().count; }
    View operator[](std::size_t i) const { return View(doc_, doc_->items_[n().first + i].value); }
    std::string_view key(std::size_t i) const { return doc_->str(doc_->items_[n().first + i].key); }

    // The value as nlohmann::json (error messages print it exactly as the DOM would).
    nlohmann::json to_json() const;

  private:
    const Node& n() const { return doc_->nodes_[node_]; }
    const FlatJson* doc_;
    std::uint32_t node_;
};

inline FlatJson::View FlatJson::root() const {
    return View(this, 0);
}

}  // namespace rtc
