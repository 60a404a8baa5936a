#include "core/journal/journal.h"

#include "core/timefmt.h"
#include "core/uri.h"

namespace rtc {

nlohmann::json JournalEntry::to_json() const {
    nlohmann::json headers_json = nlohmann::json::object();
    for (const auto& h : headers) {
        // Never echo a secret: the Authorization header keeps its structure, the token is masked.
        if (iequals(h.name, "X-Security-Token"))
            headers_json[h.name] = "***";
        else
            headers_json[h.name] = h.value;
    }
    nlohmann::json j{{"Seq", seq},
                     {"Time", format_rfc3339(time)},
                     {"TimeMs", time},
                     {"RequestId", request_id},
                     {"Method", method},
                     {"Action", action},
                     {"Version", version},
                     {"AccountId", account_id},
                     {"AccessKey", access_key},
                     {"AppId", app_id},
                     {"RemoteAddr", remote_addr},
                     {"HttpStatus", http_status},
                     {"ErrorCode", error_code},
                     {"ErrorMessage", error_message},
                     {"LatencyMs", latency_ms},
                     {"Signature",
                      {{"Verdict", signature_verdict ? signing::to_string(*signature_verdict) : ""},
                       {"Form", signing::to_string(signature_form)},
                       {"SignedHeaders", signed_headers}}},
                     {"UnknownFields", unknown_fields},
                     {"Throttled", throttled},
                     {"RateLimit", rate_limit},
                     {"Fault", fault},
                     {"FaultType", fault_type ? faults::type_name(*fault_type) : ""},
                     {"FaultDelayMs", fault_delay_ms},
                     {"Query", redact_query_param(query, "X-Security-Token")},
                     {"Headers", headers_json},
                     {"Body", body},
                     {"BodyTruncated", body_truncated}};
    if (!business_id.empty()) j["BusinessId"] = business_id;
    if (!replica.empty()) {
        j["Replica"] = replica;
        j["StateRoundTrips"] = state_round_trips;
    }
    if (callback_routed)
        j["CallbackBusinessId"] = callback_business_id ? nlohmann::json(*callback_business_id) : nullptr;
    if (!canonical_request.empty()) {
        j["Signature"]["CanonicalRequest"] = canonical_request;
        j["Signature"]["StringToSign"] = string_to_sign;
    }
    if (!body_hash_received.empty()) {
        j["Signature"]["BodyHashReceived"] = body_hash_received;
        j["Signature"]["BodyHashComputed"] = body_hash_computed;
    }
    return j;
}

bool JournalFilter::matches(const JournalEntry& e) const {
    if (e.seq <= since) return false;
    if (action && e.action != *action) return false;
    if (code) {
        if (*code == "ok") {
            if (!e.error_code.empty() || e.http_status == 0) return false;
        } else if (e.error_code != *code) {
            return false;
        }
    }
    if (account && e.account_id != *account) return false;
    if (app && e.app_id != *app) return false;
    if (status && e.http_status != *status) return false;
    if (verdict && e.signature_verdict != *verdict) return false;
    if (fault) {
        if (*fault == "any" ? e.fault.empty() : e.fault != *fault) return false;
    }
    return true;
}

}  // namespace rtc
