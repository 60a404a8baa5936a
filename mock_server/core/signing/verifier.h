// The server side of the signature: checks a received request exactly as the gateway does (API.md section 2),
// in a fixed order, and says which documented error a failure is.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/signing/key_cache.h"
#include "core/uri.h"

namespace rtc::signing {

// Who signed a request.
struct Principal {
    std::string account_id;
    std::string access_key;
    bool temporary = false;
};

struct Verdict {
    bool ok = false;
    Principal principal;
    ApiError error;              // when !ok
    std::string form;            // "header", "query" or "" when no signature was found
    std::string signed_headers;  // as the client listed them
    // The server's side of the computation, kept for the journal when the signature does not match (then the
    // API.md form; on success the form that matched).
    std::string canonical_request;
    std::string string_to_sign;
    // Which accepted variant matched: "" (API.md), "sorted-repeated-values", "collapsed-whitespace" or both.
    std::string variant;
};

class Verifier {
  public:
    Verifier(const Config& config, const Clock& clock) : config_(config), clock_(clock) {}
    // `query` is the decoded query of the request (parse_query of raw_query).
    Verdict verify(const ApiRequest& req, const QueryParams& query) const;

  private:
    struct Claimed;
    Verdict verify_claimed(const ApiRequest& req, const QueryParams& query, Claimed& c) const;

    const Config& config_;
    const Clock& clock_;
    SigningKeyCache keys_;
};

}  // namespace rtc::signing
