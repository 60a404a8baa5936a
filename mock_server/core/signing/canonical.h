// The pieces of the Volcengine V4 (HMAC-SHA256) signature, docs/service-facts.md §2. Used by both sides:
// the client signer and the server verifier build the canonical request with these same functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/uri.h"

namespace rtc::signing {

inline constexpr std::string_view kAlgorithm = "HMAC-SHA256";
inline constexpr std::string_view kTerminator = "request";
inline constexpr std::string_view kEmptyBodySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// A signed header as it enters the canonical request: lowercase name, value as received.
using SignedHeader = std::pair<std::string, std::string>;

struct CanonicalInput {
    std::string method;
    std::string path;                   // "/" for every RTC action
    QueryParams query;                  // decoded pairs that enter the canonical query
    std::vector<SignedHeader> headers;  // in SignedHeaders order
    std::string payload_hash;           // lowercase hex sha256 of the body
    // The Node SDK also collapses runs of whitespace inside a header value to one space (the documented form:
    // trimmed only).
    bool collapse_header_whitespace = false;
    // The Node SDK signs a repeated key's values sorted by their escaped form (the documented form: in
    // received order).
    bool sort_repeated_values = false;
};

// `host` header value as signed: `:80` / `:443` dropped, any other port kept.
std::string canonical_host(std::string_view host);
// Trims a header value and turns every inner run of whitespace into one space (the Node SDK's rule).
std::string collapse_whitespace(std::string_view value);
// True when the value has a run of two or more whitespace characters, or a tab/CR/LF, between non-blanks.
bool has_inner_whitespace_run(std::string_view value);
// The canonical query with each key's values sorted by their escaped form (keys still by decoded bytes).
std::string canonical_query_sorted_values(const QueryParams& params);
// True when some key occurs more than once.
bool has_repeated_key(const std::vector<ParamRef>& params);
std::string signed_header_list(const std::vector<SignedHeader>& headers);  // "a;b;c"
std::string canonical_request(const CanonicalInput& in);
std::string credential_scope(std::string_view date, std::string_view region, std::string_view service);
std::string string_to_sign(std::string_view x_date, std::string_view scope,
                           std::string_view canonical_request);

// The same pieces, appended to a buffer the caller reuses, over views of the request: what the verifier
// runs on every request (the functions above wrap these, so both sides build the one canonical form).
using HeaderRef =
    std::pair<std::string_view, std::string_view>;  // name as listed (any case), value as received
struct CanonicalParts {
    std::string_view method;
    std::string_view path;
    std::vector<ParamRef>* query = nullptr;           // the pairs that enter the canonical query (reordered)
    const std::vector<HeaderRef>* headers = nullptr;  // in SignedHeaders order
    std::string_view payload_hash;
    bool collapse_header_whitespace = false;
    bool sort_repeated_values = false;
};
void append_canonical_request(std::string& out, const CanonicalParts& in);
void append_string_to_sign(std::string& out, std::string_view x_date, std::string_view scope,
                           std::string_view canonical_request);
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);
std::string signature_hex(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace rtc::signing
