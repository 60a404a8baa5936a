#include "core/signing/canonical.h"

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
    out += canonical_query(in.query);
    out.push_back('\n');
    for (const auto& [name, value] : in.headers) {
        out += name;
        out.push_back(':');
        out += name == "host" ? canonical_host(value) : trim(value);
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
