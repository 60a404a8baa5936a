// The parameters of a request once validated: canonical field names, defaults filled in, normalised. One
// flat array of nodes and one text buffer (the validator writes it, the action handlers read it), so a
// request's parameters cost two allocations rather than one per value and key.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace rtc {

class Params {
  public:
    enum class Kind : std::uint8_t { Null, String, Integer, Boolean, Object, Array };

  private:
    struct Entry {
        Kind kind = Kind::Null;
        std::uint32_t name_off = 0, name_len = 0;  // the member's name in text_ (array entries: none)
        std::uint32_t off = 0, len = 0;            // String: in text_
        long long integer = 0;                     // Integer; Boolean: 0 or 1
        std::uint32_t first = UINT32_MAX, last = UINT32_MAX;  // Object/Array: first and last entry
        std::uint32_t next = UINT32_MAX;                      // the next entry of its parent
        std::uint32_t count = 0;
    };

  public:
    // A value in the tree. Reading a field that is not there throws std::out_of_range: after validation,
    // a declared field with a default or a required one is always there.
    class Ref {
      public:
        Ref(const Params* p, std::uint32_t node) : p_(p), node_(node) {}
        Kind kind() const { return n().kind; }
        bool is_string() const { return kind() == Kind::String; }
        std::string_view str() const { return std::string_view(p_->text_).substr(n().off, n().len); }
        std::string string() const { return std::string(str()); }
        long long integer() const { return n().integer; }
        int int_value() const { return static_cast<int>(n().integer); }
        bool boolean() const { return n().integer != 0; }

        // Objects: the member of that name.
        bool contains(std::string_view name) const { return find(name) != kNone; }
        Ref at(std::string_view name) const;
        // Its string, or `fallback` when absent or not a string.
        std::string str_or(std::string_view name, std::string_view fallback) const;
        // Arrays (and objects): entries in order.
        std::size_t size() const;
        Ref operator[](std::size_t i) const;

        nlohmann::json to_json() const;

      private:
        friend class Params;
        static constexpr std::uint32_t kNone = UINT32_MAX;
        std::uint32_t find(std::string_view name) const;
        const Entry& n() const { return p_->nodes_[node_]; }
        const Params* p_;
        std::uint32_t node_;
    };

    Params() { clear(); }
    Ref root() const { return Ref(this, 0); }
    bool contains(std::string_view name) const { return root().contains(name); }
    Ref at(std::string_view name) const { return root().at(name); }
    std::string str_or(std::string_view name, std::string_view fallback) const {
        return root().str_or(name, fallback);
    }
    nlohmann::json to_json() const { return root().to_json(); }

    // Building (the validator): node 0 is the root object; `add` appends a member (the caller writes each
    // name once per object), `push` an array entry.
    using Node = std::uint32_t;
    void clear();
    Node add(Node object, std::string_view name) { return append(object, name); }
    Node push(Node array);
    void set_object(Node n) { reset(n, Kind::Object); }
    void set_array(Node n) { reset(n, Kind::Array); }
    void set_string(Node n, std::string_view s);
    void set_integer(Node n, long long v);
    void set_boolean(Node n, bool v);
    bool is_object(Node n) const { return nodes_[n].kind == Kind::Object; }

  private:
    std::string_view name_of(const Entry& e) const {
        return std::string_view(text_).substr(e.name_off, e.name_len);
    }
    void reset(Node n, Kind k);
    Node append(Node parent, std::string_view name);

    std::vector<Entry> nodes_;
    std::string text_;
};

}  // namespace rtc
