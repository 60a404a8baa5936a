// The server side of the signature: checks a received request exactly as the gateway does
// (docs/service-facts.md §2), in a fixed order, and says which documented error a failure is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/signing/key_cache.h"
#include "core/signing/settings.h"
#include "core/uri.h"

namespace rtc::signing {

// Where the signature was: the Authorization header, the presigned query (X-Signature), or nowhere.
enum class SignatureForm { None, Header, Query };
// What the verifier concluded: ok, no signature at all, a signature that does not match, or any other
// gateway failure (a malformed Authorization, a stale X-Date, an unknown key...).
enum class SignatureVerdict { Ok, Unsigned, Mismatch, Invalid };
const char* to_string(SignatureForm form);
const char* to_string(SignatureVerdict verdict);
std::optional<SignatureVerdict> signature_verdict_from(const std::string& name);
std::optional<SignatureForm> signature_form_from(const std::string& name);
std::vector<std::string> signature_verdict_names();

// Who signed a request.
struct Principal {
    std::string account_id;
    std::string access_key;
    bool temporary = false;
};

struct Verdict {
    bool ok = false;
    Principal principal;
    ApiError error;  // when !ok
    SignatureForm form = SignatureForm::None;
    std::string signed_headers;  // as the client listed them
    // The server's side of the computation: on a mismatch the documented form (the journal shows it), on a
    // success the form that matched when asked for (Detail::Full).
    std::string canonical_request;
    std::string string_to_sign;
    // A body-hash mismatch: the X-Content-Sha256 received and the sha256 of the body received.
    std::string body_hash_received;
    std::string body_hash_computed;
    // Which accepted variant matched: "" (the documented form), "sorted-repeated-values",
    // "collapsed-whitespace" or both.
    std::string variant;

    SignatureVerdict verdict() const;
};

class Verifier {
  public:
    // Minimal: the canonical request and string to sign are kept on a mismatch only (what the journal
    // shows); Full: also on success (tests of the canonical form).
    enum class Detail { Minimal, Full };

    // Keeps references: the settings must outlive the verifier.
    Verifier(const ServiceIdentity& identity, const SignatureConfig& settings,
             const std::vector<Account>& accounts, const std::vector<TemporaryCredential>& temporary,
             const Clock& clock)
        : identity_(identity),
          settings_(settings),
          accounts_(accounts),
          temporary_(temporary),
          clock_(clock) {}
    // `query` is the decoded query of the request (parse_query of raw_query).
    Verdict verify(const ApiRequest& req, const QueryParams& query, Detail detail = Detail::Minimal) const;

  private:
    struct Claimed;
    Verdict verify_form(const ApiRequest& req, const QueryParams& query, Claimed& c, Detail detail) const;
    Verdict verify_claimed(const ApiRequest& req, const QueryParams& query, Claimed& c, Detail detail) const;

    const ServiceIdentity& identity_;
    const SignatureConfig& settings_;
    const std::vector<Account>& accounts_;
    const std::vector<TemporaryCredential>& temporary_;
    const Clock& clock_;
    SigningKeyCache keys_;
};

}  // namespace rtc::signing
