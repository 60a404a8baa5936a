#include "core/signing/signer.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/signing/canonical.h"
#include "core/timefmt.h"

namespace rtc::signing {

namespace {

bool node_unsigned(const std::string& lower_name) {
    static const char* skip[] = {"authorization", "content-type",      "content-length",
                                 "user-agent",    "presigned-expires", "expect"};
    return std::any_of(std::begin(skip), std::end(skip), [&](const char* s) { return lower_name == s; });
}

}  // namespace

SignedOutput sign_headers(const OutgoingRequest& req, const Credentials& creds, const Scope& scope, TimeMs at,
                          HeaderConvention convention) {
    SignedOutput out;
    const std::string x_date = format_x_date(at);
    const std::string date = x_date.substr(0, 8);
    const std::string payload_hash = sha256_hex(req.body);

    out.headers = req.headers;
    auto has = [&](std::string_view name) {
        return std::any_of(out.headers.begin(), out.headers.end(),
                           [&](const Header& h) { return iequals(h.name, name); });
    };
    if (!has("host")) out.headers.push_back({"Host", req.host});
    if (req.method == "POST" && !has("content-type"))
        out.headers.push_back({"Content-Type", "application/json"});
    out.headers.push_back({"X-Date", x_date});
    // The Node SDK sends X-Content-Sha256 only with a non-empty body; the other SDKs always do.
    if (convention == HeaderConvention::GoPythonJava || !req.body.empty())
        out.headers.push_back({"X-Content-Sha256", payload_hash});
    if (!creds.session_token.empty()) out.headers.push_back({"X-Security-Token", creds.session_token});

    CanonicalInput in;
    in.method = req.method;
    in.path = req.path;
    in.query = req.query;
    in.payload_hash = payload_hash;
    if (convention == HeaderConvention::GoPythonJava) {
        for (const char* name : {"content-type", "host", "x-content-sha256", "x-date", "x-security-token"}) {
            for (const auto& h : out.headers)
                if (iequals(h.name, name)) {
                    in.headers.emplace_back(name, h.value);
                    break;
                }
        }
    } else {
        for (const auto& h : out.headers) {
            std::string lower = to_lower(h.name);
            if (lower == "host" || node_unsigned(lower)) continue;
            in.headers.emplace_back(lower, h.value);
        }
        std::sort(in.headers.begin(), in.headers.end());
        in.collapse_header_whitespace = true;
    }
    const std::string scope_str = credential_scope(date, scope.region, scope.service);
    out.canonical_request = canonical_request(in);
    out.string_to_sign = string_to_sign(x_date, scope_str, out.canonical_request);
    out.signature =
        signature_hex(signing_key(creds.secret_key, date, scope.region, scope.service), out.string_to_sign);
    out.headers.push_back({"Authorization", std::string(kAlgorithm) + " Credential=" + creds.access_key +
                                                "/" + scope_str +
                                                ", SignedHeaders=" + signed_header_list(in.headers) +
                                                ", Signature=" + out.signature});
    out.query = encode_query(req.query);
    return out;
}

SignedOutput sign_query(const OutgoingRequest& req, const Credentials& creds, const Scope& scope, TimeMs at,
                        long long expires_seconds) {
    SignedOutput out;
    const std::string x_date = format_x_date(at);
    const std::string date = x_date.substr(0, 8);
    const std::string scope_str = credential_scope(date, scope.region, scope.service);

    // What Signer#getSignUrl of the Node SDK signs: the request's params plus the X-* ones, all of them named
    // in X-SignedQueries; no header, an empty payload.
    QueryParams q = req.query;
    q.emplace_back("X-Date", x_date);
    q.emplace_back("X-NotSignBody", "");
    q.emplace_back("X-Credential", creds.access_key + "/" + scope_str);
    q.emplace_back("X-Algorithm", std::string(kAlgorithm));
    q.emplace_back("X-SignedHeaders", "");
    if (expires_seconds > 0) q.emplace_back("X-Expires", std::to_string(expires_seconds));
    if (!creds.session_token.empty()) q.emplace_back("X-Security-Token", creds.session_token);
    std::vector<std::string> names;
    for (const auto& p : q) names.push_back(p.first);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string signed_queries;
    for (const auto& n : names) signed_queries += (signed_queries.empty() ? "" : ";") + n;

    CanonicalInput in;
    in.method = req.method;
    in.path = req.path;
    in.query = q;
    // The SDK signs (and sends) a repeated key's values sorted.
    in.sort_repeated_values = true;
    in.payload_hash = std::string(kEmptyBodySha256);
    out.canonical_request = canonical_request(in);
    out.string_to_sign = string_to_sign(x_date, scope_str, out.canonical_request);
    out.signature =
        signature_hex(signing_key(creds.secret_key, date, scope.region, scope.service), out.string_to_sign);
    // Wire order as getSignUrl returns it: the signed params sorted, then X-SignedQueries, then X-Signature.
    out.query = canonical_query_sorted_values(q) + "&X-SignedQueries=" + uri_escape(signed_queries) +
                "&X-Signature=" + out.signature;
    out.headers = req.headers;
    out.headers.push_back({"Host", req.host});
    return out;
}

}  // namespace rtc::signing
