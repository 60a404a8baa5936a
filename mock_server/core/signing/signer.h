// The client side of the signature: what the reference client, the conformance runner and rtc-bench use.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/request.h"
#include "core/uri.h"

namespace rtc::signing {

struct Credentials {
    std::string access_key;
    std::string secret_key;
    std::string session_token;  // temporary credentials only
};

struct Scope {
    std::string region = "cn-north-1";
    std::string service = "rtc";
};

// Which headers a client signs (API.md section 2: the official SDKs differ).
enum class HeaderConvention {
    GoPythonJava,  // content-type;host;x-content-sha256;x-date (+ x-security-token)
    Node,          // every header but authorization, content-type, content-length, user-agent, ...; no host
};

// A request before signing. `host` is the Host header value (with its port when not 80/443).
struct OutgoingRequest {
    std::string method = "POST";
    std::string host;
    std::string path = "/";
    QueryParams query;            // decoded pairs; sent canonically encoded
    std::vector<Header> headers;  // extra headers, sent as given
    std::string body;
};

struct SignedOutput {
    std::vector<Header> headers;  // every header to send, Authorization included
    std::string query;            // the encoded query string to send (no '?')
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;
};

// Header form: adds X-Date, X-Content-Sha256, X-Security-Token (when set) and Authorization.
SignedOutput sign_headers(const OutgoingRequest& req, const Credentials& creds, const Scope& scope, TimeMs at,
                          HeaderConvention convention = HeaderConvention::GoPythonJava);

// Query (presigned) form: X-Date, X-Algorithm, X-Credential, X-SignedHeaders, X-SignedQueries, X-Expires,
// X-Security-Token and X-Signature in the query; the payload hash is that of the empty string.
SignedOutput sign_query(const OutgoingRequest& req, const Credentials& creds, const Scope& scope, TimeMs at,
                        long long expires_seconds = 900);

}  // namespace rtc::signing
