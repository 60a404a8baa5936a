#include "core/signing/canonical.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/request.h"

namespace rtc::signing {

namespace {

// Only a trailing default port is dropped; an IPv6 literal's colons stay.
std::string_view canonical_host_view(std::string_view host) {
    std::string_view h = trim_view(host);
    auto ends_with = [&](std::string_view suffix) {
        return h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends_with(":80")) return h.substr(0, h.size() - 3);
    if (ends_with(":443")) return h.substr(0, h.size() - 4);
    return h;
}

}  // namespace

std::string canonical_host(std::string_view host) {
    return std::string(canonical_host_view(host));
}

namespace {
bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

namespace {
void append_collapsed(std::string& out, std::string_view value) {
    bool pending_space = false, any = false;
    for (char c : value) {
        if (is_ws(c)) {
            pending_space = any;
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        any = true;
        out.push_back(c);
    }
}
}  // namespace

std::string collapse_whitespace(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    append_collapsed(out, value);
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

bool has_repeated_key(const std::vector<ParamRef>& params) {
    for (std::size_t i = 0; i < params.size(); ++i)
        for (std::size_t j = i + 1; j < params.size(); ++j)
            if (params[i]->first == params[j]->first) return true;
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

void append_canonical_request(std::string& out, const CanonicalParts& in) {
    out.append(in.method).push_back('\n');
    out.append(in.path.empty() ? std::string_view("/") : in.path).push_back('\n');
    append_canonical_query(out, *in.query, in.sort_repeated_values);
    out.push_back('\n');
    // The canonical-headers block is join(lines, "\n") + "\n": a lone "\n" when nothing is signed (presigned
    // form), which is what the SDKs hash; a blank line then separates it from SignedHeaders.
    if (in.headers->empty()) out.push_back('\n');
    for (const auto& [name, value] : *in.headers) {
        append_lower(out, name);
        out.push_back(':');
        if (iequals(name, "host"))
            out.append(canonical_host_view(value));
        else if (in.collapse_header_whitespace)
            append_collapsed(out, value);
        else
            out.append(trim_view(value));
        out.push_back('\n');
    }
    out.push_back('\n');
    bool first = true;
    for (const auto& h : *in.headers) {
        if (!first) out.push_back(';');
        first = false;
        append_lower(out, h.first);
    }
    out.push_back('\n');
    out.append(in.payload_hash);
}

std::string canonical_request(const CanonicalInput& in) {
    std::vector<ParamRef> query;
    query.reserve(in.query.size());
    for (const auto& p : in.query) query.push_back(&p);
    std::vector<HeaderRef> headers;
    headers.reserve(in.headers.size());
    for (const auto& [name, value] : in.headers) headers.emplace_back(name, value);
    std::string out;
    out.reserve(256 + in.payload_hash.size());
    append_canonical_request(out, {in.method, in.path, &query, &headers, in.payload_hash,
                                   in.collapse_header_whitespace, in.sort_repeated_values});
    return out;
}

std::string credential_scope(std::string_view date, std::string_view region, std::string_view service) {
    std::string out;
    out.reserve(date.size() + region.size() + service.size() + 12);
    out.append(date).append("/").append(region).append("/").append(service).append("/").append(kTerminator);
    return out;
}

void append_string_to_sign(std::string& out, std::string_view x_date, std::string_view scope,
                           std::string_view canonical_request) {
    out.append(kAlgorithm).append("\n").append(x_date).append("\n").append(scope).append("\n");
    const Sha256Digest digest = sha256(canonical_request);
    append_hex(out, digest.data(), digest.size());
}

std::string string_to_sign(std::string_view x_date, std::string_view scope,
                           std::string_view canonical_request) {
    std::string out;
    out.reserve(160);
    append_string_to_sign(out, x_date, scope, canonical_request);
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
