#include "core/signing/verifier.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/enum_names.h"
#include "core/signing/canonical.h"
#include "core/timefmt.h"

namespace rtc::signing {

// What the request claims, from the Authorization header (header form) or the X-* parameters (query form).
// Views into the request, which outlives the verification.
struct Verifier::Claimed {
    SignatureForm form = SignatureForm::None;
    std::array<std::string_view, 5> credential;  // AK, date, region, service, terminator
    std::string_view signed_headers;
    std::string_view signature;
    std::string_view x_date;
    std::string_view security_token;
    bool has_security_token = false;
    std::optional<std::string_view> signed_queries;  // query form only
    std::optional<std::string_view> expires;         // query form only
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

std::optional<SignatureForm> signature_form_from(const std::string& name) {
    return value_of(kForms, name);
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

// Calls fn(part) for each part of `s` between separators (an empty `s` is one empty part).
template <typename Fn>
void for_each_part(std::string_view s, char sep, Fn&& fn) {
    std::size_t pos = 0;
    for (;;) {
        const std::size_t next = s.find(sep, pos);
        fn(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (next == std::string_view::npos) return;
        pos = next + 1;
    }
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

bool contains_part(std::string_view list, char sep, std::string_view name) {
    bool found = false;
    for_each_part(list, sep, [&](std::string_view p) { found = found || p == name; });
    return found;
}

// Buffers reused by every verification on a thread: the request path allocates nothing for them.
struct Scratch {
    std::vector<ParamRef> query;
    std::vector<HeaderRef> headers;
    std::string canonical, to_sign, scope;
};
thread_local Scratch scratch;

// Credential = AK/YYYYMMDD/region/service/request: five non-empty-AK parts, else the request is malformed.
std::optional<Verdict> parse_credential(std::string_view text, std::array<std::string_view, 5>& out) {
    std::size_t n = 0;
    for_each_part(text, '/', [&](std::string_view p) {
        if (n < out.size()) out[n] = p;
        ++n;
    });
    if (n != 5 || out[0].empty())
        return fail("MalformedAuthorization", "Credential must be AccessKey/YYYYMMDD/region/service/request");
    return std::nullopt;
}

// Parses `HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`; the parts may come in any order.
std::optional<Verdict> parse_authorization(std::string_view header, std::string_view& credential,
                                           std::string_view& signed_headers, std::string_view& signature) {
    const std::string_view h = trim_view(header);
    const std::size_t space = h.find(' ');
    if (h.substr(0, space) != kAlgorithm)
        return fail("UnsupportedAuthScheme", "the Authorization scheme must be HMAC-SHA256");
    bool has_cred = false, has_sh = false, has_sig = false;
    if (space != std::string_view::npos) {
        for_each_part(h.substr(space + 1), ',', [&](std::string_view raw) {
            const std::string_view part = trim_view(raw);
            const std::size_t eq = part.find('=');
            if (eq == std::string_view::npos) return;
            const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
            if (key == "Credential")
                credential = value, has_cred = true;
            else if (key == "SignedHeaders")
                signed_headers = value, has_sh = true;
            else if (key == "Signature")
                signature = value, has_sig = true;
        });
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

Verdict Verifier::verify(const ApiRequest& req, const QueryParams& query, Detail detail) const {
    Claimed c;
    if (req.header("Authorization"))
        c.form = SignatureForm::Header;
    else if (find_param(query, "X-Signature"))
        c.form = SignatureForm::Query;
    else
        return fail("MissingAuthentication",
                    "the request is not signed: no Authorization header and no X-Signature");
    // Every verdict of a signed request names its form, whichever check refused it.
    Verdict v = verify_form(req, query, c, detail);
    v.form = c.form;
    v.signed_headers = std::string(c.signed_headers);
    return v;
}

Verdict Verifier::verify_form(const ApiRequest& req, const QueryParams& query, Claimed& c,
                              Detail detail) const {
    if (c.form == SignatureForm::Header) {
        std::string_view credential;
        auto bad =
            parse_authorization(*req.header("Authorization"), credential, c.signed_headers, c.signature);
        if (!bad) bad = parse_credential(credential, c.credential);
        if (bad) return *bad;
        if (const std::string* d = req.header("X-Date"))
            c.x_date = trim_view(*d);
        else
            return fail("MissingXDate", "the X-Date header is required");
        if (const std::string* t = req.header("X-Security-Token"))
            c.security_token = trim_view(*t), c.has_security_token = true;
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
    return verify_claimed(req, query, c, detail);
}

Verdict Verifier::verify_claimed(const ApiRequest& req, const QueryParams& query, Claimed& c,
                                 Detail detail) const {
    const auto& cred = c.credential;
    const SignatureConfig& sc = settings_;

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
            const std::string text(*c.expires);
            if (!all_digits(text) || std::stoll(text) <= 0 || std::stoll(text) > kMaxPresignExpiresSeconds)
                return fail("InvalidXDate", "X-Expires must be a whole number of seconds from 1 to " +
                                                std::to_string(kMaxPresignExpiresSeconds));
            expires = std::stoll(text);
        }
        if (now > *signed_at + expires * 1000)
            return fail("PresignExpired", "the presigned request expired at X-Date + " +
                                              std::to_string(expires) + " s; the server time is " +
                                              format_x_date(now));
        if (*signed_at - now > sc.max_skew_seconds * 1000)
            return fail("XDateOutOfWindow", "X-Date " + std::string(c.x_date) + " is more than " +
                                                std::to_string(sc.max_skew_seconds) +
                                                " s ahead of the server time " + format_x_date(now));
    } else {
        TimeMs skew = now > *signed_at ? now - *signed_at : *signed_at - now;
        if (skew > sc.max_skew_seconds * 1000)
            return fail("XDateOutOfWindow", "X-Date " + std::string(c.x_date) + " is more than " +
                                                std::to_string(sc.max_skew_seconds) +
                                                " s away from the server time " + format_x_date(now));
    }

    // Access key: a permanent account key, or a temporary credential with its token.
    Principal who;
    const std::string* secret = nullptr;
    who.access_key = std::string(cred[0]);
    for (const auto& acc : accounts_) {
        if (acc.access_key != cred[0]) continue;
        if (acc.disabled) return fail("AccountDisabled", "the account of this access key is disabled");
        who.account_id = acc.id;
        secret = &acc.secret_key;
        break;
    }
    if (!secret) {
        for (const auto& t : temporary_) {
            if (t.access_key != cred[0]) continue;
            if (!c.has_security_token)
                return fail("MissingSecurityToken", "temporary credentials need X-Security-Token");
            if (!constant_time_equals(c.security_token, t.session_token))
                return fail("InvalidSecurityToken", "the security token does not belong to this access key");
            if (now >= t.expires_ms) return fail("ExpiredSecurityToken", "the security token has expired");
            const Account* acc = find_account(accounts_, t.account_id);
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
    if (cred[3] != identity_.service)
        return fail("WrongService",
                    "the credential scope names service " + shown(cred[3]) + ", not " + identity_.service);
    if (cred[1] != c.x_date.substr(0, 8))
        return fail("ScopeMismatch",
                    "the credential scope date " + shown(cred[1]) + " is not the date of X-Date");
    if (cred[2] != identity_.region)
        return fail("ScopeMismatch",
                    "the credential scope names region " + shown(cred[2]) + ", not " + identity_.region);
    if (cred[4] != kTerminator) return fail("ScopeMismatch", "the credential scope must end in /request");

    // Signed headers, in the client's order.
    Scratch& sc_buf = scratch;
    std::vector<HeaderRef>& headers = sc_buf.headers;
    headers.clear();
    bool x_date_signed = false, token_signed = false;
    std::optional<Verdict> missing;
    if (!c.signed_headers.empty()) {
        for_each_part(c.signed_headers, ';', [&](std::string_view name) {
            if (missing) return;
            const std::string* value = req.header(name);
            if (!value) {
                missing = fail("SignedHeaderMissing",
                               "the signed header " + shown(to_lower(name)) + " is not in the request");
                return;
            }
            if (iequals(name, "x-date")) x_date_signed = true;
            if (iequals(name, "x-security-token")) token_signed = true;
            headers.emplace_back(name, *value);
        });
        if (missing) return *missing;
    }
    std::vector<ParamRef>& signed_query = sc_buf.query;
    signed_query.clear();
    if (c.form == SignatureForm::Header) {
        if (sc.require_x_date_signed && !x_date_signed)
            return fail("XDateNotSigned", "x-date must be one of the SignedHeaders");
        if (c.has_security_token && !token_signed)
            return fail("SecurityTokenNotSigned", "X-Security-Token must be one of the SignedHeaders");
        // The header form signs every query parameter.
        for (const auto& p : query) signed_query.push_back(&p);
    } else {
        // The query form signs exactly the parameters named in X-SignedQueries (every one but X-Signature
        // when the list is absent); the time, lifetime and token parameters must be among them.
        if (c.signed_queries) {
            for_each_part(*c.signed_queries, ';', [&](std::string_view n) {
                if (!missing && n != "X-Signature" && !find_param(query, n))
                    missing = fail("SignedQueryMissing",
                                   "the signed query parameter " + shown(n) + " is not in the request");
            });
            if (missing) return *missing;
            if (sc.require_x_date_signed && !contains_part(*c.signed_queries, ';', "X-Date"))
                return fail("XDateNotSigned", "X-Date must be named in X-SignedQueries");
            if (c.expires && !contains_part(*c.signed_queries, ';', "X-Expires"))
                return fail("ExpiresNotSigned", "X-Expires must be named in X-SignedQueries");
            if (c.has_security_token && !contains_part(*c.signed_queries, ';', "X-Security-Token"))
                return fail("SecurityTokenNotSigned", "X-Security-Token must be named in X-SignedQueries");
        }
        for (const auto& p : query) {
            if (p.first == "X-Signature") continue;
            if (!c.signed_queries || contains_part(*c.signed_queries, ';', p.first))
                signed_query.push_back(&p);
        }
    }

    // Payload hash over the body actually received (the query form never signs the body).
    std::array<char, 64> body_hash;
    std::string_view payload_hash = kEmptyBodySha256;
    if (c.form == SignatureForm::Header) {
        body_hash = hex_of(sha256(req.body));
        payload_hash = std::string_view(body_hash.data(), body_hash.size());
        if (const std::string* claimed = req.header("X-Content-Sha256")) {
            if (!iequals(trim_view(*claimed), payload_hash)) {
                Verdict v =
                    fail("ContentHashMismatch", "X-Content-Sha256 is not the sha256 of the body received");
                v.body_hash_received = trim(*claimed);
                v.body_hash_computed = std::string(payload_hash);
                return v;
            }
        }
    }

    // The documented form (docs/service-facts.md §2) first; on a mismatch, the Node SDK's variants where they
    // could differ at all.
    std::string& scope = sc_buf.scope;
    scope.clear();
    scope.append(cred[1]).append("/").append(cred[2]).append("/").append(cred[3]).append("/").append(
        kTerminator);
    const HmacSha256& key = keys_.get(*secret, cred[1], cred[2], cred[3]);
    const bool well_formed = is_lower_hex64(c.signature);
    std::string& cr = sc_buf.canonical;
    std::string& sts = sc_buf.to_sign;
    auto matches = [&](bool sort_repeated_values, bool collapse_whitespace) {
        cr.clear();
        append_canonical_request(cr, {req.method, req.path, &signed_query, &headers, payload_hash,
                                      collapse_whitespace, sort_repeated_values});
        sts.clear();
        append_string_to_sign(sts, c.x_date, scope, cr);
        if (!well_formed) return false;
        const std::array<char, 64> hex = hex_of(key.sign(sts));
        return constant_time_equals(std::string_view(hex.data(), hex.size()), c.signature);
    };
    auto matched = [&](const char* variant) {
        Verdict v;
        v.ok = true;
        v.principal = std::move(who);
        v.variant = variant;
        if (detail == Detail::Full) {
            v.canonical_request = cr;
            v.string_to_sign = sts;
        }
        return v;
    };

    if (matches(false, false)) return matched("");
    // What the journal shows of a mismatch: the documented form.
    Verdict mismatch =
        fail("SignatureMismatch", "the request signature does not match the one computed by the server");
    mismatch.canonical_request = cr;
    mismatch.string_to_sign = sts;
    if (well_formed) {
        const bool can_sort = sc.accept_sorted_repeated_values && has_repeated_key(signed_query);
        const bool can_collapse = sc.accept_collapsed_header_whitespace &&
                                  std::any_of(headers.begin(), headers.end(), [](const HeaderRef& h) {
                                      return !iequals(h.first, "host") && has_inner_whitespace_run(h.second);
                                  });
        for (int mask = 1; mask <= 3; ++mask) {
            const bool sort = (mask & 1) != 0, collapse = (mask & 2) != 0;
            if ((sort && !can_sort) || (collapse && !can_collapse)) continue;
            if (matches(sort, collapse))
                return matched(mask == 1   ? "sorted-repeated-values"
                               : mask == 2 ? "collapsed-whitespace"
                                           : "sorted-repeated-values+collapsed-whitespace");
        }
    }
    return mismatch;
}

}  // namespace rtc::signing
