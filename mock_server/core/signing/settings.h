// Settings of request signing (config sections `Service` and `Signature`) and the credentials of the fixture
// (`Accounts`, `TemporaryCredentials`): who the service is, whose keys it knows and how it judges a
// signature. Data only; parse_* read the sections (ConfigError on a bad field).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/time_ms.h"

namespace rtc {

class ConfigField;

struct ServiceIdentity {
    std::string service = "rtc";
    std::string region = "cn-north-1";
    std::string version = "2020-12-01";
};

struct SignatureConfig {
    std::int64_t max_skew_seconds = 900;
    std::int64_t default_presign_expires_seconds = 900;
    bool require_x_date_signed = true;
    // Put the server's canonical request and string to sign in the Message of a mismatch.
    bool diagnostics_in_message = false;
    // Also accept the Node SDK's canonical forms when the documented form does not match (docs/signing.md):
    bool accept_sorted_repeated_values = true;       // a repeated query key's values signed sorted
    bool accept_collapsed_header_whitespace = true;  // inner whitespace runs of a header value collapsed
};

struct Account {
    std::string id;
    std::string access_key;
    std::string secret_key;
    bool disabled = false;  // requests signed with its keys get AccessDenied (100013)
};

// STS credentials: a key pair that needs X-Security-Token, valid until `expires_ms`.
struct TemporaryCredential {
    std::string access_key;
    std::string secret_key;
    std::string session_token;
    std::string account_id;
    TimeMs expires_ms = 0;
};

// The account with this id, or null.
const Account* find_account(const std::vector<Account>& accounts, const std::string& id);

void parse_service_identity(const ConfigField& f, ServiceIdentity& out);
void parse_signature_settings(const ConfigField& f, SignatureConfig& out);
void parse_accounts(const ConfigField& f, std::vector<Account>& out);
// Each names an account of `accounts` and a key no account has.
void parse_temporary_credentials(const ConfigField& f, const std::vector<Account>& accounts,
                                 std::vector<TemporaryCredential>& out);

}  // namespace rtc
