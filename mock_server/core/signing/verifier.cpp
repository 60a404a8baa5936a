#include "core/signing/verifier.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/enum_names.h"
#include "core/signing/canonical.h"
#include "core/timefmt.h"

namespace rtc::signing {

// What the request claims, from the Authorization header (header form) or the X-* parameters (query form).
struct Verifier::Claimed {
    SignatureForm form = SignatureForm::None;
    std::vector<std::string> credential;  // AK, date, region, service, terminator
    std::string signed_headers;
    std::string signature;
    std::string x_date;
    std::string security_token;
    bool has_security_token = false;
    std::optional<std::string> signed_queries;  // query form only
    std::optional<std::string> expires;         // query form only
};

namespace {

constexpr EnumName<SignatureForm> kForms[] = {
    {SignatureForm::None, ""}, {SignatureForm::Header, "header"}, {SignatureForm::Query, "query"}};
constexpr EnumName<SignatureVerdict> kVerdicts[] = {{SignatureVerdict::Ok, "ok"},
                                                    {SignatureVerdict::Unsigned, "unsigned"},
                                                    {SignatureVerdict::Mismatch, "mismatch"},
                                                    {SignatureVerdict::Invalid, "invalid"}};

}  // namespace

const char* to_string(SignatureForm form) {
    return name_of(kForms, form);
}

const char* to_string(SignatureVerdict verdict) {
    return name_of(kVerdicts, verdict);
}

std::optional<SignatureVerdict> signature_verdict_from(const std::string& name) {
    return value_of(kVerdicts, name);
}

std::vector<std::string> signature_verdict_names() {
    return names_of(kVerdicts);
}

SignatureVerdict Verdict::verdict() const {
    if (ok) return SignatureVerdict::Ok;
    if (form == SignatureForm::None) return SignatureVerdict::Unsigned;
    return error.reason == "SignatureMismatch" ? SignatureVerdict::Mismatch : SignatureVerdict::Invalid;
}

namespace {

// Presigned URLs live at most a week (X-Expires above that is refused as an invalid timestamp).
constexpr long long kMaxPresignExpiresSeconds = 7 * 86400;
// Client-supplied text quoted in an error Message is cut to this length.
constexpr std::size_t kMaxQuoted = 64;

Verdict fail(std::string reason, std::string message) {
    Verdict v;
    v.error = ApiError{std::move(reason), std::move(message)};
    return v;
}

std::string shown(std::string_view s) {
    if (s.size() <= kMaxQuoted) return std::string(s);
    return std::string(s.substr(0, kMaxQuoted)) + "...";
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

bool all_digits(std::string_view s) {
    return !s.empty() && s.size() <= 18 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Credential = AK/YYYYMMDD/region/service/request: five non-empty-AK parts, else the request is malformed.
std::optional<Verdict> parse_credential(std::string_view text, std::vector<std::string>& out) {
    out = split(text, '/');
    if (out.size() != 5 || out[0].empty())
        return fail("MalformedAuthorization", "Credential must be AccessKey/YYYYMMDD/region/service/request");
    return std::nullopt;
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
    if (req.header("Authorization"))
        c.form = SignatureForm::Header;
    else if (find_param(query, "X-Signature"))
        c.form = SignatureForm::Query;
    else
        return fail("MissingAuthentication",
                    "the request is not signed: no Authorization header and no X-Signature");
    // Every verdict of a signed request names its form, whichever check refused it.
    Verdict v = verify_form(req, query, c);
    v.form = c.form;
    v.signed_headers = c.signed_headers;
    return v;
}

Verdict Verifier::verify_form(const ApiRequest& req, const QueryParams& query, Claimed& c) const {
    if (c.form == SignatureForm::Header) {
        std::string credential;
        auto bad =
            parse_authorization(*req.header("Authorization"), credential, c.signed_headers, c.signature);
        if (!bad) bad = parse_credential(credential, c.credential);
        if (bad) return *bad;
        if (const std::string* d = req.header("X-Date"))
            c.x_date = trim(*d);
        else
            return fail("MissingXDate", "the X-Date header is required");
        if (const std::string* t = req.header("X-Security-Token"))
            c.security_token = trim(*t), c.has_security_token = true;
    } else {
        const std::string* alg = find_param(query, "X-Algorithm");
        if (!alg || *alg != kAlgorithm)
            return fail("UnsupportedAuthScheme", "X-Algorithm must be HMAC-SHA256");
        const std::string* cred = find_param(query, "X-Credential");
        if (!cred || cred->empty())
            return fail("MalformedAuthorization", "the X-Credential parameter is required");
        if (auto bad = parse_credential(*cred, c.credential)) return *bad;
        const std::string* sh = find_param(query, "X-SignedHeaders");
        c.signed_headers = sh ? *sh : "";
        c.signature = *find_param(query, "X-Signature");
        if (c.signature.empty()) return fail("MissingSignature", "the X-Signature parameter is empty");
        if (const std::string* d = find_param(query, "X-Date"))
            c.x_date = *d;
        else
            return fail("MissingXDate", "the X-Date parameter is required");
        if (const std::string* t = find_param(query, "X-Security-Token"))
            c.security_token = *t, c.has_security_token = true;
        if (const std::string* sq = find_param(query, "X-SignedQueries")) c.signed_queries = *sq;
        if (const std::string* e = find_param(query, "X-Expires")) c.expires = *e;
    }
    return verify_claimed(req, query, c);
}

Verdict Verifier::verify_claimed(const ApiRequest& req, const QueryParams& query, Claimed& c) const {
    const auto& cred = c.credential;
    const SignatureConfig& sc = config_.signature;

    // X-Date: well-formed, a real date, inside the clock window.
    auto signed_at = parse_x_date(c.x_date);
    if (!signed_at)
        return fail("InvalidXDate", "X-Date must be a real UTC time in the form YYYYMMDDTHHMMSSZ");
    // X-Date has whole seconds, so the window is measured in whole seconds of the server clock ("900 s ago"
    // passes however far into its second the server is).
    const TimeMs now = clock_.now_ms() / 1000 * 1000;
    if (c.form == SignatureForm::Query) {
        // Usable from X-Date - MaxSkew (client clock ahead) until X-Date + X-Expires.
        long long expires = sc.default_presign_expires_seconds;
        if (c.expires) {
            if (!all_digits(*c.expires) || std::stoll(*c.expires) <= 0 ||
                std::stoll(*c.expires) > kMaxPresignExpiresSeconds)
                return fail("InvalidXDate", "X-Expires must be a whole number of seconds from 1 to " +
                                                std::to_string(kMaxPresignExpiresSeconds));
            expires = std::stoll(*c.expires);
        }
        if (now > *signed_at + expires * 1000)
            return fail("PresignExpired", "the presigned request expired at X-Date + " +
                                              std::to_string(expires) + " s; the server time is " +
                                              format_x_date(now));
        if (*signed_at - now > sc.max_skew_seconds * 1000)
            return fail("XDateOutOfWindow", "X-Date " + c.x_date + " is more than " +
                                                std::to_string(sc.max_skew_seconds) +
                                                " s ahead of the server time " + format_x_date(now));
    } else {
        TimeMs skew = now > *signed_at ? now - *signed_at : *signed_at - now;
        if (skew > sc.max_skew_seconds * 1000)
            return fail("XDateOutOfWindow", "X-Date " + c.x_date + " is more than " +
                                                std::to_string(sc.max_skew_seconds) +
                                                " s away from the server time " + format_x_date(now));
    }

    // Access key: a permanent account key, or a temporary credential with its token.
    Principal who;
    const std::string* secret = nullptr;
    who.access_key = cred[0];
    for (const auto& acc : config_.accounts) {
        if (acc.access_key != cred[0]) continue;
        if (acc.disabled) return fail("AccountDisabled", "the account of this access key is disabled");
        who.account_id = acc.id;
        secret = &acc.secret_key;
        break;
    }
    if (!secret) {
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
            secret = &t.secret_key;
            break;
        }
    }
    if (!secret) return fail("UnknownAccessKey", "the access key " + shown(cred[0]) + " does not exist");

    // Credential scope.
    if (cred[3] != config_.identity.service)
        return fail("WrongService", "the credential scope names service " + shown(cred[3]) + ", not " +
                                        config_.identity.service);
    if (cred[1] != c.x_date.substr(0, 8))
        return fail("ScopeMismatch",
                    "the credential scope date " + shown(cred[1]) + " is not the date of X-Date");
    if (cred[2] != config_.identity.region)
        return fail("ScopeMismatch", "the credential scope names region " + shown(cred[2]) + ", not " +
                                         config_.identity.region);
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
                return fail("SignedHeaderMissing",
                            "the signed header " + shown(lower) + " is not in the request");
            if (lower == "x-date") x_date_signed = true;
            if (lower == "x-security-token") token_signed = true;
            in.headers.emplace_back(lower, *value);
        }
    }
    if (c.form == SignatureForm::Header) {
        if (sc.require_x_date_signed && !x_date_signed)
            return fail("XDateNotSigned", "x-date must be one of the SignedHeaders");
        if (c.has_security_token && !token_signed)
            return fail("SecurityTokenNotSigned", "X-Security-Token must be one of the SignedHeaders");
        // The header form signs every query parameter.
        in.query = query;
    } else {
        // The query form signs exactly the parameters named in X-SignedQueries (every one but X-Signature
        // when the list is absent); the time, lifetime and token parameters must be among them.
        std::vector<std::string> names;
        if (c.signed_queries) {
            names = split(*c.signed_queries, ';');
            for (const auto& n : names)
                if (n != "X-Signature" && !find_param(query, n))
                    return fail("SignedQueryMissing",
                                "the signed query parameter " + shown(n) + " is not in the request");
            if (sc.require_x_date_signed && !contains(names, "X-Date"))
                return fail("XDateNotSigned", "X-Date must be named in X-SignedQueries");
            if (c.expires && !contains(names, "X-Expires"))
                return fail("ExpiresNotSigned", "X-Expires must be named in X-SignedQueries");
            if (c.has_security_token && !contains(names, "X-Security-Token"))
                return fail("SecurityTokenNotSigned", "X-Security-Token must be named in X-SignedQueries");
        }
        for (const auto& p : query) {
            if (p.first == "X-Signature") continue;
            if (!c.signed_queries || contains(names, p.first)) in.query.push_back(p);
        }
    }

    // Payload hash over the body actually received (the query form never signs the body).
    if (c.form == SignatureForm::Query) {
        in.payload_hash = std::string(kEmptyBodySha256);
    } else {
        in.payload_hash = sha256_hex(req.body);
        if (const std::string* claimed = req.header("X-Content-Sha256")) {
            if (!iequals(trim(*claimed), in.payload_hash)) {
                Verdict v =
                    fail("ContentHashMismatch", "X-Content-Sha256 is not the sha256 of the body received");
                v.body_hash_received = trim(*claimed);
                v.body_hash_computed = in.payload_hash;
                return v;
            }
        }
    }

    // The documented form (docs/service-facts.md §2) first; on a mismatch, the Node SDK's variants where they
    // could differ at all.
    const std::string scope = credential_scope(cred[1], cred[2], cred[3]);
    const std::string key = keys_.get(*secret, cred[1], cred[2], cred[3]);
    const bool well_formed = is_lower_hex64(c.signature);
    auto matches = [&](const CanonicalInput& variant, std::string* cr_out, std::string* sts_out) {
        std::string cr = canonical_request(variant);
        std::string sts = string_to_sign(c.x_date, scope, cr);
        bool same = well_formed && constant_time_equals(signature_hex(key, sts), c.signature);
        if (cr_out) *cr_out = std::move(cr);
        if (sts_out) *sts_out = std::move(sts);
        return same;
    };

    Verdict v;
    if (matches(in, &v.canonical_request, &v.string_to_sign)) {
        v.ok = true;
        v.principal = who;
        return v;
    }
    if (well_formed) {
        const bool can_sort = sc.accept_sorted_repeated_values && has_repeated_key(in.query);
        const bool can_collapse =
            sc.accept_collapsed_header_whitespace &&
            std::any_of(in.headers.begin(), in.headers.end(), [](const SignedHeader& h) {
                return h.first != "host" && has_inner_whitespace_run(h.second);
            });
        for (int mask = 1; mask <= 3; ++mask) {
            CanonicalInput alt = in;
            alt.sort_repeated_values = (mask & 1) != 0;
            alt.collapse_header_whitespace = (mask & 2) != 0;
            if ((alt.sort_repeated_values && !can_sort) || (alt.collapse_header_whitespace && !can_collapse))
                continue;
            std::string alt_cr, alt_sts;
            if (matches(alt, &alt_cr, &alt_sts)) {
                v.canonical_request = std::move(alt_cr);
                v.string_to_sign = std::move(alt_sts);
                v.ok = true;
                v.principal = who;
                v.variant = mask == 1   ? "sorted-repeated-values"
                            : mask == 2 ? "collapsed-whitespace"
                                        : "sorted-repeated-values+collapsed-whitespace";
                return v;
            }
        }
    }
    v.error =
        ApiError{"SignatureMismatch", "the request signature does not match the one computed by the server"};
    return v;
}

}  // namespace rtc::signing
