#include "core/state/codec/callbacks_json.h"

#include "core/state/codec/json_fields.h"

namespace rtc::state::codec {

using callbacks::AttemptRecord;
using callbacks::DeliveryRecord;
using callbacks::DueRetry;

nlohmann::json encode(const DeliveryRecord& d) {
    return {{"DeliveryId", d.base.delivery_id},
            {"EventId", d.base.event_id},
            {"AppId", d.base.app_id},
            {"URL", d.base.url},
            {"Body", d.base.body},
            {"Attempt", d.base.attempt},
            {"TimeoutMs", d.base.timeout_ms},
            {"EventType", d.event_type},
            {"BusinessId", d.business_id},
            {"Task", d.task},
            {"HoldsTaskSlot", d.holds_task_slot},
            {"WaitingTurn", d.waiting_turn},
            {"Sending", d.sending}};
}

DeliveryRecord decode_delivery_record(const nlohmann::json& j) {
    constexpr const char* what = "Delivery";
    DeliveryRecord d;
    d.base.delivery_id = field<std::string>(j, what, "DeliveryId");
    d.base.event_id = field<std::string>(j, what, "EventId");
    d.base.app_id = field<std::string>(j, what, "AppId");
    d.base.url = field<std::string>(j, what, "URL");
    d.base.body = field<std::string>(j, what, "Body");
    d.base.attempt = field<int>(j, what, "Attempt");
    d.base.timeout_ms = field<std::int64_t>(j, what, "TimeoutMs");
    d.event_type = field<std::string>(j, what, "EventType");
    d.business_id = field<std::string>(j, what, "BusinessId");
    d.task = field<std::string>(j, what, "Task");
    d.holds_task_slot = field<bool>(j, what, "HoldsTaskSlot");
    d.waiting_turn = field<bool>(j, what, "WaitingTurn");
    d.sending = field<int>(j, what, "Sending");
    return d;
}

nlohmann::json encode(const AttemptRecord& a) {
    return {{"Seq", a.seq},
            {"DeliveryId", a.delivery_id},
            {"EventId", a.event_id},
            {"EventType", a.event_type},
            {"AppId", a.app_id},
            {"BusinessId", a.business_id},
            {"Task", a.task},
            {"URL", a.url},
            {"Attempt", a.attempt},
            {"Resend", a.resend},
            {"TimeMs", a.time},
            {"HttpStatus", a.http_status},
            {"Error", a.error},
            {"DurationMs", a.duration_ms},
            {"Outcome", callbacks::to_string(a.outcome)},
            {"NextRetryAtMs", a.next_retry_at},
            {"Body", a.body}};
}

AttemptRecord decode_attempt_record(const nlohmann::json& j) {
    constexpr const char* what = "Attempt";
    AttemptRecord a;
    a.seq = field<std::uint64_t>(j, what, "Seq");
    a.delivery_id = field<std::string>(j, what, "DeliveryId");
    a.event_id = field<std::string>(j, what, "EventId");
    a.event_type = field<std::string>(j, what, "EventType");
    a.app_id = field<std::string>(j, what, "AppId");
    a.business_id = field<std::string>(j, what, "BusinessId");
    a.task = field<std::string>(j, what, "Task");
    a.url = field<std::string>(j, what, "URL");
    a.attempt = field<int>(j, what, "Attempt");
    a.resend = field<bool>(j, what, "Resend");
    a.time = field<TimeMs>(j, what, "TimeMs");
    a.http_status = field<int>(j, what, "HttpStatus");
    a.error = field<std::string>(j, what, "Error");
    a.duration_ms = field<double>(j, what, "DurationMs");
    a.outcome = enum_field<callbacks::DeliveryOutcome>(j, what, "Outcome", callbacks::delivery_outcome_from);
    a.next_retry_at = field<TimeMs>(j, what, "NextRetryAtMs");
    a.body = field<std::string>(j, what, "Body");
    return a;
}

nlohmann::json encode(const DueRetry& r) {
    return {{"DeliveryId", r.delivery_id}, {"Attempt", r.attempt}, {"WhenMs", r.when}};
}

DueRetry decode_due_retry(const nlohmann::json& j) {
    constexpr const char* what = "Retry";
    return DueRetry{field<std::string>(j, what, "DeliveryId"), field<int>(j, what, "Attempt"),
                    field<TimeMs>(j, what, "WhenMs")};
}

}  // namespace rtc::state::codec
