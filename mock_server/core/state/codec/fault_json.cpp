#include "core/state/codec/fault_json.h"

#include <sstream>

#include "core/state/codec/json_fields.h"

namespace rtc::state::codec {

namespace {

nlohmann::json opt(const std::optional<std::int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::optional<int> opt_int32(const nlohmann::json& j, const char* name) {
    auto v = read_optional_int(j, "", name);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

}  // namespace

nlohmann::json encode(const faults::FaultRule& r) {
    std::ostringstream rng;
    rng << r.rng;
    nlohmann::json error{
        {"Reason", r.error.reason},
        {"Code", r.error.code},
        {"CodeN", r.error.code_n ? nlohmann::json(*r.error.code_n) : nlohmann::json(nullptr)},
        {"HttpStatus", r.error.http_status ? nlohmann::json(*r.error.http_status) : nlohmann::json(nullptr)},
        {"Message", r.error.message}};
    return {{"Id", r.id},
            {"Action", r.action},
            {"AccountId", r.account_id},
            {"AppId", r.app_id},
            {"Type", faults::type_name(r.type)},
            {"LatencyMinMs", r.latency_min_ms},
            {"LatencyMaxMs", r.latency_max_ms},
            {"Error", error},
            {"RetryAfterSeconds", opt(r.retry_after_seconds)},
            {"Probability", r.probability},
            {"Seed", r.seed ? nlohmann::json(*r.seed) : nlohmann::json(nullptr)},
            {"Count", opt(r.count)},
            {"ExpiresInSeconds", opt(r.expires_in_seconds)},
            {"CreatedMs", r.created_ms},
            {"ExpiresAtMs", opt(r.expires_at_ms)},
            {"Remaining", opt(r.remaining)},
            {"Applied", r.applied},
            {"Rng", rng.str()}};
}

faults::FaultRule decode_fault_rule(const nlohmann::json& j) {
    faults::FaultRule r;
    r.id = read_string(j, "", "Id");
    r.action = read_string(j, "", "Action");
    r.account_id = read_string(j, "", "AccountId");
    r.app_id = read_string(j, "", "AppId");
    auto type = faults::fault_type_from(read_string(j, "", "Type"));
    if (!type) throw std::invalid_argument("field Type names no fault type");
    r.type = *type;
    r.latency_min_ms = read_int(j, "", "LatencyMinMs");
    r.latency_max_ms = read_int(j, "", "LatencyMaxMs");
    const auto& e = member(j, "", "Error");
    r.error.reason = read_string(e, "", "Reason");
    r.error.code = read_string(e, "", "Code");
    r.error.code_n = opt_int32(e, "CodeN");
    r.error.http_status = opt_int32(e, "HttpStatus");
    r.error.message = read_string(e, "", "Message");
    r.retry_after_seconds = read_optional_int(j, "", "RetryAfterSeconds");
    r.probability = read_number(j, "", "Probability");
    const auto& seed = member(j, "", "Seed");
    if (!seed.is_null()) {
        if (!seed.is_number_unsigned()) throw std::invalid_argument("field Seed is not an unsigned integer");
        r.seed = seed.get<std::uint64_t>();
    }
    r.count = read_optional_int(j, "", "Count");
    r.expires_in_seconds = read_optional_int(j, "", "ExpiresInSeconds");
    r.created_ms = read_int(j, "", "CreatedMs");
    r.expires_at_ms = read_optional_int(j, "", "ExpiresAtMs");
    r.remaining = read_optional_int(j, "", "Remaining");
    r.applied = read_int(j, "", "Applied");
    std::istringstream rng(read_string(j, "", "Rng"));
    rng >> r.rng;
    if (rng.fail()) throw std::invalid_argument("field Rng is not a generator's state");
    return r;
}

}  // namespace rtc::state::codec
