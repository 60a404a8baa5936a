#include "core/state/codec/journal_json.h"

#include "core/state/codec/json_fields.h"

namespace rtc::state::codec {

nlohmann::json encode(const JournalEntry& e) {
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& h : e.headers) headers.push_back({h.name, h.value});  // in order, repeats kept
    nlohmann::json j{{"Seq", e.seq},
                     {"TimeMs", e.time},
                     {"RequestId", e.request_id},
                     {"Method", e.method},
                     {"Action", e.action},
                     {"Version", e.version},
                     {"Routed", e.routed},
                     {"AccountId", e.account_id},
                     {"AccessKey", e.access_key},
                     {"AppId", e.app_id},
                     {"RemoteAddr", e.remote_addr},
                     {"HttpStatus", e.http_status},
                     {"ErrorCode", e.error_code},
                     {"ErrorMessage", e.error_message},
                     {"LatencyMs", e.latency_ms},
                     {"SignatureForm", signing::to_string(e.signature_form)},
                     {"SignedHeaders", e.signed_headers},
                     {"CanonicalRequest", e.canonical_request},
                     {"StringToSign", e.string_to_sign},
                     {"BodyHashReceived", e.body_hash_received},
                     {"BodyHashComputed", e.body_hash_computed},
                     {"UnknownFields", e.unknown_fields},
                     {"BusinessId", e.business_id},
                     {"CallbackRouted", e.callback_routed},
                     {"Throttled", e.throttled},
                     {"RateLimit", e.rate_limit},
                     {"Fault", e.fault},
                     {"FaultDelayMs", e.fault_delay_ms},
                     {"Query", e.query},
                     {"Headers", std::move(headers)},
                     {"Body", e.body},
                     {"BodyTruncated", e.body_truncated},
                     {"Replica", e.replica},
                     {"StateRoundTrips", e.state_round_trips}};
    if (e.signature_verdict) j["SignatureVerdict"] = signing::to_string(*e.signature_verdict);
    if (e.callback_business_id) j["CallbackBusinessId"] = *e.callback_business_id;
    if (e.fault_type) j["FaultType"] = faults::type_name(*e.fault_type);
    return j;
}

JournalEntry decode_journal_entry(const nlohmann::json& j) {
    constexpr const char* what = "JournalEntry";
    JournalEntry e;
    e.seq = field<std::uint64_t>(j, what, "Seq");
    e.time = field<TimeMs>(j, what, "TimeMs");
    e.request_id = field<std::string>(j, what, "RequestId");
    e.method = field<std::string>(j, what, "Method");
    e.action = field<std::string>(j, what, "Action");
    e.version = field<std::string>(j, what, "Version");
    e.routed = field<bool>(j, what, "Routed");
    e.account_id = field<std::string>(j, what, "AccountId");
    e.access_key = field<std::string>(j, what, "AccessKey");
    e.app_id = field<std::string>(j, what, "AppId");
    e.remote_addr = field<std::string>(j, what, "RemoteAddr");
    e.http_status = field<int>(j, what, "HttpStatus");
    e.error_code = field<std::string>(j, what, "ErrorCode");
    e.error_message = field<std::string>(j, what, "ErrorMessage");
    e.latency_ms = field<double>(j, what, "LatencyMs");
    if (j.contains("SignatureVerdict"))
        e.signature_verdict = enum_field<signing::SignatureVerdict>(j, what, "SignatureVerdict",
                                                                    signing::signature_verdict_from);
    e.signature_form =
        enum_field<signing::SignatureForm>(j, what, "SignatureForm", signing::signature_form_from);
    e.signed_headers = field<std::string>(j, what, "SignedHeaders");
    e.canonical_request = field<std::string>(j, what, "CanonicalRequest");
    e.string_to_sign = field<std::string>(j, what, "StringToSign");
    e.body_hash_received = field<std::string>(j, what, "BodyHashReceived");
    e.body_hash_computed = field<std::string>(j, what, "BodyHashComputed");
    e.unknown_fields = field<std::vector<std::string>>(j, what, "UnknownFields");
    e.business_id = field<std::string>(j, what, "BusinessId");
    e.callback_routed = field<bool>(j, what, "CallbackRouted");
    e.callback_business_id = optional_field<std::string>(j, what, "CallbackBusinessId");
    e.throttled = field<bool>(j, what, "Throttled");
    e.rate_limit = field<int>(j, what, "RateLimit");
    e.fault = field<std::string>(j, what, "Fault");
    if (j.contains("FaultType"))
        e.fault_type = enum_field<faults::FaultType>(
            j, what, "FaultType", [](const std::string& name) { return faults::fault_type_from(name); });
    e.fault_delay_ms = field<std::int64_t>(j, what, "FaultDelayMs");
    e.query = field<std::string>(j, what, "Query");
    for (const auto& h : field<std::vector<std::vector<std::string>>>(j, what, "Headers")) {
        if (h.size() != 2)
            throw std::invalid_argument(std::string(what) + ".Headers: not a [name, value] pair");
        e.headers.push_back(Header{h[0], h[1]});
    }
    e.body = field<std::string>(j, what, "Body");
    e.body_truncated = field<bool>(j, what, "BodyTruncated");
    e.replica = field<std::string>(j, what, "Replica");
    // Absent from entries an older mock stored (a state export, a Redis shared across an upgrade).
    e.state_round_trips = optional_field<int>(j, what, "StateRoundTrips").value_or(0);
    return e;
}

}  // namespace rtc::state::codec
