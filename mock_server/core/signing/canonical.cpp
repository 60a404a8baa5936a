#include "core/signing/canonical.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/request.h"

namespace rtc::signing {

std::string canonical_host(std::string_view host) {
    std::string h = trim(host);
    // Only a trailing default port is dropped; an IPv6 literal's colons stay.
    auto ends_with = [&](std::string_view suffix) {
        return h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends_with(":80"))
        h.resize(h.size() - 3);
    else if (ends_with(":443"))
        h.resize(h.size() - 4);
    return h;
}

namespace {
bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::string collapse_whitespace(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    bool pending_space = false;
    for (char c : value) {
        if (is_ws(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

bool has_inner_whitespace_run(std::string_view t) {
    while (!t.empty() && is_ws(t.front())) t.remove_prefix(1);
    while (!t.empty() && is_ws(t.back())) t.remove_suffix(1);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ' ' && i + 1 < t.size() && is_ws(t[i + 1])) return true;
        if (is_ws(t[i]) && t[i] != ' ') return true;
    }
    return false;
}

bool has_repeated_key(const QueryParams& params) {
    for (std::size_t i = 0; i < params.size(); ++i)
        for (std::size_t j = i + 1; j < params.size(); ++j)
            if (params[i].first == params[j].first) return true;
    return false;
}

std::string canonical_query_sorted_values(const QueryParams& params) {
    return canonical_query(params, true);
}

std::string signed_header_list(const std::vector<SignedHeader>& headers) {
    std::string out;
    for (const auto& h : headers) {
        if (!out.empty()) out.push_back(';');
        out += h.first;
    }
    return out;
}

std::string canonical_request(const CanonicalInput& in) {
    std::string out;
    out.reserve(256 + in.payload_hash.size());
    out += in.method;
    out.push_back('\n');
    out += in.path.empty() ? "/" : in.path;
    out.push_back('\n');
    out += in.sort_repeated_values ? canonical_query_sorted_values(in.query) : canonical_query(in.query);
    out.push_back('\n');
    // The canonical-headers block is join(lines, "\n") + "\n": a lone "\n" when nothing is signed (presigned
    // form), which is what the SDKs hash; a blank line then separates it from SignedHeaders.
    if (in.headers.empty()) out.push_back('\n');
    for (const auto& [name, value] : in.headers) {
        out += name;
        out.push_back(':');
        if (name == "host")
            out += canonical_host(value);
        else
            out += in.collapse_header_whitespace ? collapse_whitespace(value) : trim(value);
        out.push_back('\n');
    }
    out.push_back('\n');
    out += signed_header_list(in.headers);
    out.push_back('\n');
    out += in.payload_hash;
    return out;
}

std::string credential_scope(std::string_view date, std::string_view region, std::string_view service) {
    std::string out;
    out.reserve(date.size() + region.size() + service.size() + 12);
    out.append(date).append("/").append(region).append("/").append(service).append("/").append(kTerminator);
    return out;
}

std::string string_to_sign(std::string_view x_date, std::string_view scope,
                           std::string_view canonical_request) {
    std::string out;
    out.reserve(160);
    out.append(kAlgorithm).append("\n").append(x_date).append("\n").append(scope).append("\n");
    out += sha256_hex(canonical_request);
    return out;
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
    std::string k = hmac_sha256_raw(secret, date);
    k = hmac_sha256_raw(k, region);
    k = hmac_sha256_raw(k, service);
    return hmac_sha256_raw(k, kTerminator);
}

std::string signature_hex(std::string_view signing_key, std::string_view string_to_sign) {
    return to_hex(hmac_sha256_raw(signing_key, string_to_sign));
}

}  // namespace rtc::signing
