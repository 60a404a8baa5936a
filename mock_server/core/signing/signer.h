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

// Which headers a client signs (docs/service-facts.md §2: the official SDKs differ).
enum class HeaderConvention {
    GoPythonJava,  // content-type;host;x-content-sha256;x-date (+ x-security-token)
    Node,          // every header but authorization, content-type, content-length, user-agent, ...; no host;
                   // values with inner whitespace runs collapsed; X-Content-Sha256 only with a body
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

// Query (presigned) form, exactly as the Node SDK's Signer#getSignUrl builds it: X-Algorithm, X-Credential,
// X-Date, X-NotSignBody=, X-Security-Token (when set), X-SignedHeaders= (no header is signed) and every
// request param, sorted, all named in X-SignedQueries, then X-Signature. The payload hash is that of the
// empty string. expires_seconds > 0 adds a signed X-Expires (the SDK never sends one: the server default, 900
// s, applies).
SignedOutput sign_query(const OutgoingRequest& req, const Credentials& creds, const Scope& scope, TimeMs at,
                        long long expires_seconds = 0);

}  // namespace rtc::signing
