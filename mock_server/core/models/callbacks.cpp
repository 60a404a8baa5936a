#include "core/models/callbacks.h"

#include <nlohmann/json.hpp>

#include "core/enum_names.h"
#include "core/timefmt.h"

namespace rtc::callbacks {

namespace {
constexpr EnumName<DeliveryOutcome> kOutcomes[] = {{DeliveryOutcome::Delivered, "delivered"},
                                                   {DeliveryOutcome::Retrying, "retrying"},
                                                   {DeliveryOutcome::Failed, "failed"},
                                                   {DeliveryOutcome::Abandoned, "abandoned"}};
}  // namespace

const char* to_string(DeliveryOutcome outcome) {
    return name_of(kOutcomes, outcome);
}

std::optional<DeliveryOutcome> delivery_outcome_from(const std::string& name) {
    return value_of(kOutcomes, name);
}

nlohmann::json AttemptRecord::to_json() const {
    nlohmann::json j = {{"Seq", seq},
                        {"DeliveryId", delivery_id},
                        {"EventId", event_id},
                        {"EventType", event_type},
                        {"AppId", app_id},
                        {"BusinessId", business_id},
                        {"Task", task},
                        {"URL", url},
                        {"Attempt", attempt},
                        {"Resend", resend},
                        {"Time", format_rfc3339(time)},
                        {"TimeMs", time},
                        {"HttpStatus", http_status},
                        {"Error", error},
                        {"DurationMs", duration_ms},
                        {"Outcome", to_string(outcome)},
                        {"Body", body}};
    if (next_retry_at) j["NextRetryAtMs"] = next_retry_at;
    return j;
}

bool AttemptQuery::matches(const AttemptRecord& r) const {
    if (!event_id.empty() && r.event_id != event_id) return false;
    if (!app_id.empty() && r.app_id != app_id) return false;
    if (!task.empty() && r.task != task) return false;
    return !outcome || r.outcome == *outcome;
}

}  // namespace rtc::callbacks
