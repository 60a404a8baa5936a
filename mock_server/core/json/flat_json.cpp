#include "core/json/flat_json.h"

#include <algorithm>

namespace rtc {

std::vector<FlatJson::Item>::iterator FlatJson::order_members(std::vector<Item>::iterator begin,
                                                              std::vector<Item>::iterator end,
                                                              bool keep_last) const {
    if (end - begin < 2) return end;  // nothing to order (and begin + 1 must not be formed on an empty range)
    auto less = [this](const Item& a, const Item& b) { return str(a.key) < str(b.key); };
    // Stable, so equal keys keep the order they were sent in. Insertion sort for the usual few members: no
    // allocation, unlike std::stable_sort.
    if (end - begin <= 24) {
        for (auto i = begin + 1; i < end; ++i)
            for (auto j = i; j > begin && less(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
    } else {
        std::stable_sort(begin, end, less);
    }
    auto out = begin;
    for (auto i = begin; i < end; ++i) {
        const bool repeated = keep_last ? i + 1 < end && str(i->key) == str((i + 1)->key)
                                        : out != begin && str((out - 1)->key) == str(i->key);
        if (!repeated) *out++ = *i;
    }
    return out;
}

FlatJson FlatJson::parse(std::string_view text, std::optional<Error>& error) {
    FlatJson doc;
    doc.ext_text_ = text;
    error.reset();
    if (!doc.read(error)) doc = FlatJson();
    return doc;
}

FlatJson FlatJson::parse_copy(std::string text, std::optional<Error>& error) {
    FlatJson doc;
    doc.owned_ = true;
    doc.own_text_ = std::move(text);
    error.reset();
    if (!doc.read(error)) doc = FlatJson();
    return doc;
}

FlatJson FlatJson::from_strings(const std::vector<std::pair<std::string, std::string>>& members,
                                bool (*skip)(const std::string& name)) {
    FlatJson doc;
    doc.owned_ = true;
    doc.nodes_.emplace_back();
    doc.nodes_[0].kind = Kind::Object;
    std::vector<Item> entries;
    for (const auto& member : members) {
        const std::string& k = member.first;
        const std::string& v = member.second;
        if (skip && skip(k)) continue;
        Item e;
        e.key = Str{static_cast<std::uint32_t>(doc.own_text_.size()), static_cast<std::uint32_t>(k.size()),
                    false};
        doc.own_text_ += k;
        Node n;
        n.kind = Kind::String;
        n.str = Str{static_cast<std::uint32_t>(doc.own_text_.size()), static_cast<std::uint32_t>(v.size()),
                    false};
        doc.own_text_ += v;
        e.value = static_cast<std::uint32_t>(doc.nodes_.size());
        doc.nodes_.push_back(n);
        entries.push_back(e);
    }
    entries.erase(doc.order_members(entries.begin(), entries.end(), false), entries.end());
    doc.nodes_[0].first = 0;
    doc.nodes_[0].count = static_cast<std::uint32_t>(entries.size());
    doc.items_ = std::move(entries);
    return doc;
}

nlohmann::json FlatJson::View::to_json() const {
    using nlohmann::json;
    const Node& node = n();
    switch (node.kind) {
        case Kind::Null:
            return nullptr;
        case Kind::Boolean:
            return node.boolean;
        case Kind::Integer:
            return node.integer;
        case Kind::Unsigned:
            return node.unsigned_value;
        case Kind::Float: {
            const std::string_view t = doc_->text().substr(node.begin, node.end - node.begin);
            return json::parse(t.begin(), t.end());
        }
        case Kind::String:
            return std::string(str());
        case Kind::Array: {
            json out = json::array();
            for (std::size_t i = 0; i < size(); ++i) out.push_back((*this)[i].to_json());
            return out;
        }
        case Kind::Object: {
            json out = json::object();
            for (std::size_t i = 0; i < size(); ++i) out[std::string(key(i))] = (*this)[i].to_json();
            return out;
        }
    }
    return nullptr;
}

}  // namespace rtc
