#include "core/json/params.h"

#include <cstring>

namespace rtc {

void Params::clear() {
    nodes_.clear();
    text_.clear();
    nodes_.reserve(24);
    text_.reserve(256);
    nodes_.emplace_back();
    nodes_[0].kind = Kind::Object;
}

void Params::reset(Node n, Kind k) {
    Entry& e = nodes_[n];
    e.kind = k;
    e.first = e.last = UINT32_MAX;
    e.count = 0;
}

Params::Node Params::append(Node parent, std::string_view name) {
    Entry e;
    e.name_off = static_cast<std::uint32_t>(text_.size());
    e.name_len = static_cast<std::uint32_t>(name.size());
    text_.append(name);
    const auto id = static_cast<Node>(nodes_.size());
    nodes_.push_back(e);
    Entry& p = nodes_[parent];
    if (p.last == UINT32_MAX) {
        p.first = id;
    } else {
        nodes_[p.last].next = id;
    }
    p.last = id;
    ++p.count;
    return id;
}

Params::Node Params::push(Node array) {
    return append(array, {});
}

void Params::set_string(Node n, std::string_view s) {
    reset(n, Kind::String);
    nodes_[n].off = static_cast<std::uint32_t>(text_.size());
    nodes_[n].len = static_cast<std::uint32_t>(s.size());
    text_.append(s);
}

void Params::set_integer(Node n, long long v) {
    reset(n, Kind::Integer);
    nodes_[n].integer = v;
}

void Params::set_boolean(Node n, bool v) {
    reset(n, Kind::Boolean);
    nodes_[n].integer = v ? 1 : 0;
}

std::uint32_t Params::Ref::find(std::string_view name) const {
    if (kind() != Kind::Object) return kNone;
    // Lengths first and no bounds-checked substr: a StartWebcast's handler looks up some twenty names.
    const char* text = p_->text_.data();
    for (std::uint32_t i = n().first; i != UINT32_MAX; i = p_->nodes_[i].next) {
        const Entry& e = p_->nodes_[i];
        if (e.name_len == name.size() && std::memcmp(text + e.name_off, name.data(), name.size()) == 0)
            return i;
    }
    return kNone;
}

Params::Ref Params::Ref::at(std::string_view name) const {
    const std::uint32_t i = find(name);
    if (i == kNone) throw std::out_of_range("no parameter " + std::string(name));
    return Ref(p_, i);
}

std::string Params::Ref::str_or(std::string_view name, std::string_view fallback) const {
    const std::uint32_t i = find(name);
    if (i == kNone || p_->nodes_[i].kind != Kind::String) return std::string(fallback);
    return Ref(p_, i).string();
}

std::size_t Params::Ref::size() const {
    return n().count;
}

Params::Ref Params::Ref::operator[](std::size_t i) const {
    if (i >= n().count) throw std::out_of_range("no entry " + std::to_string(i));
    std::uint32_t at = n().first;
    while (i-- > 0) at = p_->nodes_[at].next;
    return Ref(p_, at);
}

nlohmann::json Params::Ref::to_json() const {
    using nlohmann::json;
    switch (kind()) {
        case Kind::Null:
            return nullptr;
        case Kind::String:
            return string();
        case Kind::Integer:
            return integer();
        case Kind::Boolean:
            return boolean();
        case Kind::Object: {
            json out = json::object();
            for (std::uint32_t i = n().first; i != UINT32_MAX; i = p_->nodes_[i].next)
                out[std::string(p_->name_of(p_->nodes_[i]))] = Ref(p_, i).to_json();
            return out;
        }
        case Kind::Array: {
            json out = json::array();
            for (std::uint32_t i = n().first; i != UINT32_MAX; i = p_->nodes_[i].next)
                out.push_back(Ref(p_, i).to_json());
            return out;
        }
    }
    return nullptr;
}

}  // namespace rtc
