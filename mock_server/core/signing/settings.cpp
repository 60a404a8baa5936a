#include "core/signing/settings.h"

#include <set>

#include "core/config_reader.h"
#include "core/timefmt.h"

namespace rtc {

const Account* find_account(const std::vector<Account>& accounts, const std::string& id) {
    for (const auto& a : accounts)
        if (a.id == id) return &a;
    return nullptr;
}

void parse_service_identity(const ConfigField& f, ServiceIdentity& out) {
    f.only_keys({"Service", "Region", "Version"});
    f.get("Service", out.service);
    f.get("Region", out.region);
    f.get("Version", out.version);
}

void parse_signature_settings(const ConfigField& f, SignatureConfig& out) {
    f.only_keys({"MaxSkewSeconds", "DefaultPresignExpiresSeconds", "RequireXDateSigned",
                 "DiagnosticsInMessage", "AcceptSortedRepeatedValues", "AcceptCollapsedHeaderWhitespace"});
    f.get("MaxSkewSeconds", out.max_skew_seconds, 0, 86400 * 365);
    f.get("DefaultPresignExpiresSeconds", out.default_presign_expires_seconds, 1, 86400 * 7);
    f.get("RequireXDateSigned", out.require_x_date_signed);
    f.get("DiagnosticsInMessage", out.diagnostics_in_message);
    f.get("AcceptSortedRepeatedValues", out.accept_sorted_repeated_values);
    f.get("AcceptCollapsedHeaderWhitespace", out.accept_collapsed_header_whitespace);
}

void parse_accounts(const ConfigField& f, std::vector<Account>& out) {
    f.expect_array();
    std::set<std::string> ids, keys;
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto a = f.at(i);
        a.only_keys({"AccountId", "AccessKey", "SecretKey", "Disabled"});
        Account acc;
        acc.id = a["AccountId"].nonempty_str();
        acc.access_key = a["AccessKey"].nonempty_str();
        acc.secret_key = a["SecretKey"].nonempty_str();
        a.get("Disabled", acc.disabled);
        if (!ids.insert(acc.id).second) a["AccountId"].fail("duplicate account id " + acc.id);
        if (!keys.insert(acc.access_key).second) a["AccessKey"].fail("duplicate access key");
        out.push_back(std::move(acc));
    }
}

void parse_temporary_credentials(const ConfigField& f, const std::vector<Account>& accounts,
                                 std::vector<TemporaryCredential>& out) {
    f.expect_array();
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto a = f.at(i);
        a.only_keys({"AccessKey", "SecretKey", "SessionToken", "AccountId", "Expires"});
        TemporaryCredential c;
        c.access_key = a["AccessKey"].nonempty_str();
        c.secret_key = a["SecretKey"].nonempty_str();
        c.session_token = a["SessionToken"].nonempty_str();
        c.account_id = a["AccountId"].nonempty_str();
        if (!find_account(accounts, c.account_id))
            a["AccountId"].fail("no account " + c.account_id + " in Accounts");
        auto exp = parse_rfc3339(a["Expires"].str());
        if (!exp) a["Expires"].fail("must be an RFC 3339 time such as 2099-01-01T00:00:00Z");
        c.expires_ms = *exp;
        for (const auto& acc : accounts)
            if (acc.access_key == c.access_key) a["AccessKey"].fail("already the key of account " + acc.id);
        out.push_back(std::move(c));
    }
}

}  // namespace rtc
