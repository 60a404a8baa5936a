// JSON of the callback outbox's records as the Redis engine stores them (and the state's export will write
// them): a delivery with where it stands, one attempt of the delivery journal, a retry that fell due. Every
// field round-trips; decode_* throw std::invalid_argument naming a missing or mistyped field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/models/callbacks.h"

namespace rtc::state::codec {

nlohmann::json encode(const callbacks::DeliveryRecord& d);
callbacks::DeliveryRecord decode_delivery_record(const nlohmann::json& j);

nlohmann::json encode(const callbacks::AttemptRecord& a);
callbacks::AttemptRecord decode_attempt_record(const nlohmann::json& j);

nlohmann::json encode(const callbacks::DueRetry& r);
callbacks::DueRetry decode_due_retry(const nlohmann::json& j);

}  // namespace rtc::state::codec
