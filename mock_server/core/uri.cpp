#include "core/uri.h"

#include <algorithm>

namespace rtc {

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}
}  // namespace

std::string form_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

void append_uri_escaped(std::string& out, std::string_view s) {
    static const char* digits = "0123456789ABCDEF";
    for (unsigned char c : s) {
        if (unreserved(c)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
}

std::string uri_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() * 3 / 2);
    append_uri_escaped(out, s);
    return out;
}

QueryParams parse_query(std::string_view raw) {
    QueryParams out;
    // One allocation for the list: growing it pair by pair reallocated (and moved the pairs) per request.
    out.reserve(static_cast<std::size_t>(std::count(raw.begin(), raw.end(), '&')) + 1);
    std::size_t pos = 0;
    while (pos <= raw.size()) {
        std::size_t amp = raw.find('&', pos);
        if (amp == std::string_view::npos) amp = raw.size();
        std::string_view part = raw.substr(pos, amp - pos);
        if (!part.empty()) {
            std::size_t eq = part.find('=');
            if (eq == std::string_view::npos)
                out.emplace_back(form_decode(part), std::string());
            else
                out.emplace_back(form_decode(part.substr(0, eq)), form_decode(part.substr(eq + 1)));
        }
        pos = amp + 1;
    }
    return out;
}

void append_canonical_query(std::string& out, std::vector<ParamRef>& params, bool sort_repeated_values) {
    // Sorted on the decoded key bytes, as the SDKs do before escaping; a repeated key keeps its values in
    // received order unless they are to be sorted too (by their escaped form, as the Node SDK does).
    std::stable_sort(params.begin(), params.end(), [sort_repeated_values](ParamRef a, ParamRef b) {
        if (a->first != b->first) return a->first < b->first;
        return sort_repeated_values && uri_escape(a->second) < uri_escape(b->second);
    });
    bool first = true;
    for (ParamRef p : params) {
        if (!first) out.push_back('&');
        first = false;
        append_uri_escaped(out, p->first);
        out.push_back('=');
        append_uri_escaped(out, p->second);
    }
}

std::string canonical_query(const QueryParams& params, bool sort_repeated_values) {
    std::vector<ParamRef> refs;
    refs.reserve(params.size());
    for (const auto& p : params) refs.push_back(&p);
    std::string out;
    append_canonical_query(out, refs, sort_repeated_values);
    return out;
}

std::string encode_query(const QueryParams& params) {
    return canonical_query(params);
}

std::string redact_query_param(std::string_view raw, std::string_view key) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= raw.size()) {
        std::size_t amp = raw.find('&', pos);
        if (amp == std::string_view::npos) amp = raw.size();
        std::string_view part = raw.substr(pos, amp - pos);
        std::size_t eq = part.find('=');
        if (pos > 0) out.push_back('&');
        if (eq != std::string_view::npos && form_decode(part.substr(0, eq)) == key)
            out.append(part.substr(0, eq)).append("=***");
        else
            out.append(part);
        pos = amp + 1;
    }
    return out;
}

const std::string* find_param(const QueryParams& params, std::string_view key) {
    for (const auto& p : params)
        if (p.first == key) return &p.second;
    return nullptr;
}

}  // namespace rtc
