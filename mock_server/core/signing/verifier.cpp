#include "core/signing/verifier.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/signing/canonical.h"
#include "core/timefmt.h"

namespace rtc::signing {

// What the request claims, from the Authorization header (header form) or the X-* parameters (query form).
struct Verifier::Claimed {
    std::string form;
    std::string credential;
    std::string signed_headers;
    std::string signature;
    std::string x_date;
    std::string security_token;
    bool has_security_token = false;
    std::optional<std::string> signed_queries;  // query form only
    std::optional<std::string> expires;         // query form only
};

namespace {

// Deriving the signing key is four HMACs, a fifth of a verification. A worker thread serves one keep-alive
// connection, which signs with one secret on one date, so each thread keeps the last key it derived.
const std::string& cached_signing_key(const std::string& secret, const std::string& date,
                                      const std::string& region, const std::string& service) {
    thread_local std::string k_secret, k_date, k_region, k_service, key;
    if (key.empty() || secret != k_secret || date != k_date || region != k_region || service != k_service) {
        key = signing_key(secret, date, region, service);
        k_secret = secret;
        k_date = date;
        k_region = region;
        k_service = service;
    }
    return key;
}

Verdict fail(std::string reason, std::string message) {
    Verdict v;
    v.error = ApiError{std::move(reason), std::move(message)};
    return v;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (;;) {
        std::size_t next = s.find(sep, pos);
        out.emplace_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return out;
}

bool is_lower_hex64(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Parses `HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`; the parts may come in any order.
std::optional<Verdict> parse_authorization(const std::string& header, std::string& credential,
                                           std::string& signed_headers, std::string& signature) {
    std::string h = trim(header);
    std::size_t space = h.find(' ');
    std::string scheme = h.substr(0, space);
    if (scheme != kAlgorithm)
        return fail("UnsupportedAuthScheme", "the Authorization scheme must be HMAC-SHA256");
    bool has_cred = false, has_sh = false, has_sig = false;
    if (space != std::string::npos) {
        for (const auto& raw : split(std::string_view(h).substr(space + 1), ',')) {
            std::string part = trim(raw);
            std::size_t eq = part.find('=');
            if (eq == std::string::npos) continue;
            std::string key = part.substr(0, eq), value = part.substr(eq + 1);
            if (key == "Credential")
                credential = value, has_cred = true;
            else if (key == "SignedHeaders")
                signed_headers = value, has_sh = true;
            else if (key == "Signature")
                signature = value, has_sig = true;
        }
    }
    if (!has_cred || credential.empty())
        return fail("MalformedAuthorization", "the Authorization header has no Credential");
    if (!has_sh || signed_headers.empty())
        return fail("MalformedAuthorization", "the Authorization header has no SignedHeaders");
    if (!has_sig || signature.empty())
        return fail("MissingSignature", "the Authorization header has no Signature");
    return std::nullopt;
}

}  // namespace

Verdict Verifier::verify(const ApiRequest& req, const QueryParams& query) const {
    Claimed c;
    const std::string* auth = req.header("Authorization");
    const std::string* q_sig = find_param(query, "X-Signature");
    if (auth) {
        c.form = "header";
        if (auto bad = parse_authorization(*auth, c.credential, c.signed_headers, c.signature)) {
            bad->form = c.form;
            return *bad;
        }
        if (const std::string* d = req.header("X-Date"))
            c.x_date = trim(*d);
        else
            return fail("MissingXDate", "the X-Date header is required");
        if (const std::string* t = req.header("X-Security-Token"))
            c.security_token = trim(*t), c.has_security_token = true;
    } else if (q_sig) {
        c.form = "query";
        const std::string* alg = find_param(query, "X-Algorithm");
        if (!alg || *alg != kAlgorithm)
            return fail("UnsupportedAuthScheme", "X-Algorithm must be HMAC-SHA256");
        const std::string* cred = find_param(query, "X-Credential");
        if (!cred || cred->empty())
            return fail("MalformedAuthorization", "the X-Credential parameter is required");
        c.credential = *cred;
        const std::string* sh = find_param(query, "X-SignedHeaders");
        c.signed_headers = sh ? *sh : "";
        c.signature = *q_sig;
        if (c.signature.empty()) return fail("MissingSignature", "the X-Signature parameter is empty");
        if (const std::string* d = find_param(query, "X-Date"))
            c.x_date = *d;
        else
            return fail("MissingXDate", "the X-Date parameter is required");
        if (const std::string* t = find_param(query, "X-Security-Token"))
            c.security_token = *t, c.has_security_token = true;
        if (const std::string* sq = find_param(query, "X-SignedQueries")) c.signed_queries = *sq;
        if (const std::string* e = find_param(query, "X-Expires")) c.expires = *e;
    } else {
        return fail("MissingAuthentication",
                    "the request is not signed: no Authorization header and no X-Signature");
    }
    Verdict v = verify_claimed(req, query, c);
    v.form = c.form;
    v.signed_headers = c.signed_headers;
    return v;
}

Verdict Verifier::verify_claimed(const ApiRequest& req, const QueryParams& query, Claimed& c) const {
    // Credential = AK/date/region/service/request
    auto cred = split(c.credential, '/');
    if (cred.size() != 5 || cred[0].empty())
        return fail("MalformedAuthorization", "Credential must be AccessKey/YYYYMMDD/region/service/request");

    // X-Date: well-formed, a real date, inside the skew window.
    auto signed_at = parse_x_date(c.x_date);
    if (!signed_at)
        return fail("InvalidXDate", "X-Date must be a real UTC time in the form YYYYMMDDTHHMMSSZ");
    const TimeMs now = clock_.now_ms();
    if (c.form == "query") {
        long long expires = config_.signature.default_presign_expires_seconds;
        if (c.expires) {
            char* end = nullptr;
            expires = std::strtoll(c.expires->c_str(), &end, 10);
            if (c.expires->empty() || *end != '\0' || expires <= 0 || expires > 7 * 86400)
                return fail("InvalidXDate", "X-Expires must be a positive number of seconds");
        }
        if (now > *signed_at + expires * 1000)
            return fail("PresignExpired",
                        "the presigned request expired (X-Date + X-Expires is in the past)");
        if (*signed_at - now > config_.signature.max_skew_seconds * 1000)
            return fail("XDateOutOfWindow", "X-Date is too far in the future");
    } else {
        TimeMs skew = now > *signed_at ? now - *signed_at : *signed_at - now;
        if (skew > config_.signature.max_skew_seconds * 1000)
            return fail("XDateOutOfWindow", "X-Date " + c.x_date + " is more than " +
                                                std::to_string(config_.signature.max_skew_seconds) +
                                                " s away from the server time " + format_x_date(now));
    }

    // Access key: a permanent account key, or a temporary credential with its token.
    Principal who;
    std::string secret;
    who.access_key = cred[0];
    bool found = false;
    for (const auto& acc : config_.accounts) {
        if (acc.access_key == cred[0]) {
            if (acc.disabled) return fail("AccountDisabled", "the account of this access key is disabled");
            who.account_id = acc.id;
            secret = acc.secret_key;
            found = true;
            break;
        }
    }
    if (!found) {
        for (const auto& t : config_.temporary_credentials) {
            if (t.access_key != cred[0]) continue;
            if (!c.has_security_token)
                return fail("MissingSecurityToken", "temporary credentials need X-Security-Token");
            if (!constant_time_equals(c.security_token, t.session_token))
                return fail("InvalidSecurityToken", "the security token does not belong to this access key");
            if (now >= t.expires_ms) return fail("ExpiredSecurityToken", "the security token has expired");
            const Account* acc = config_.account_by_id(t.account_id);
            if (acc && acc->disabled)
                return fail("AccountDisabled", "the account of this access key is disabled");
            who.account_id = t.account_id;
            who.temporary = true;
            secret = t.secret_key;
            found = true;
            break;
        }
    }
    if (!found) return fail("UnknownAccessKey", "the access key " + cred[0] + " does not exist");

    // Credential scope.
    if (cred[3] != config_.identity.service)
        return fail("WrongService",
                    "the credential scope names service " + cred[3] + ", not " + config_.identity.service);
    if (cred[1] != c.x_date.substr(0, 8))
        return fail("ScopeMismatch", "the credential scope date " + cred[1] + " is not the date of X-Date");
    if (cred[2] != config_.identity.region)
        return fail("ScopeMismatch",
                    "the credential scope names region " + cred[2] + ", not " + config_.identity.region);
    if (cred[4] != kTerminator) return fail("ScopeMismatch", "the credential scope must end in /request");

    // Signed headers, in the client's order.
    CanonicalInput in;
    in.method = req.method;
    in.path = req.path.empty() ? "/" : req.path;
    bool x_date_signed = false, token_signed = false;
    if (!c.signed_headers.empty()) {
        for (const auto& name : split(c.signed_headers, ';')) {
            std::string lower = to_lower(name);
            const std::string* value = req.header(lower);
            if (!value)
                return fail("SignedHeaderMissing", "the signed header " + lower + " is not in the request");
            if (lower == "x-date") x_date_signed = true;
            if (lower == "x-security-token") token_signed = true;
            in.headers.emplace_back(lower, *value);
        }
    }
    if (c.form == "header") {
        if (config_.signature.require_x_date_signed && !x_date_signed)
            return fail("XDateNotSigned", "x-date must be one of the SignedHeaders");
        if (c.has_security_token && !token_signed)
            return fail("SecurityTokenNotSigned", "X-Security-Token must be one of the SignedHeaders");
    }

    // Canonical query: header form signs every parameter; query form exactly those in X-SignedQueries.
    if (c.form == "header") {
        in.query = query;
    } else {
        std::vector<std::string> names =
            c.signed_queries ? split(*c.signed_queries, ';') : std::vector<std::string>{};
        for (const auto& p : query) {
            if (p.first == "X-Signature") continue;
            if (!c.signed_queries || std::find(names.begin(), names.end(), p.first) != names.end())
                in.query.push_back(p);
        }
    }

    // Payload hash over the body actually received.
    if (c.form == "query") {
        in.payload_hash = std::string(kEmptyBodySha256);
    } else {
        in.payload_hash = sha256_hex(req.body);
        if (const std::string* claimed = req.header("X-Content-Sha256")) {
            if (!iequals(trim(*claimed), in.payload_hash))
                return fail("ContentHashMismatch", "X-Content-Sha256 is not the sha256 of the body received");
        }
    }

    Verdict v;
    v.canonical_request = canonical_request(in);
    v.string_to_sign =
        string_to_sign(c.x_date, credential_scope(cred[1], cred[2], cred[3]), v.canonical_request);
    const std::string expected =
        signature_hex(cached_signing_key(secret, cred[1], cred[2], cred[3]), v.string_to_sign);
    if (!is_lower_hex64(c.signature) || !constant_time_equals(expected, c.signature)) {
        v.error = ApiError{"SignatureMismatch",
                           "the request signature does not match the one computed by the server"};
        return v;
    }
    v.ok = true;
    v.principal = who;
    return v;
}

}  // namespace rtc::signing
