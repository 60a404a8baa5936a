// The callbacks family's records: a callback setting of the console, one event's delivery, and one attempt of
// it (the delivery journal of `GET /_mock/callbacks`). Shared by the outbox, the actions and the state
// engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/time_ms.h"

namespace rtc {

// One callback setting of the console (or of CreateCallback): where an app's task events go.
struct AppCallback {
    std::string url;
    std::string secret_key;
    std::vector<std::string> events;  // empty: every event
};

// A callback setting of the fixture: the app's default one (BusinessId "") from `Apps[].Callback`.
struct CallbackFixture {
    std::string app_id;
    std::string business_id;
    AppCallback callback;
};

}  // namespace rtc

namespace rtc::callbacks {

struct CallbackSetting {
    std::string app_id;
    std::string business_id;  // "" = the app's default
    AppCallback callback;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

// One attempt to put a callback body on the wire.
struct Delivery {
    std::string delivery_id;
    std::string event_id;
    std::string app_id;
    std::string url;
    std::string body;
    int attempt = 1;
    std::int64_t timeout_ms = 5000;
};

// One event's delivery as the outbox keeps it: what every attempt sends, and where it stands. It is "in play"
// while on the wire, waiting for a retry, holding its task's slot or waiting for its turn.
struct DeliveryRecord {
    Delivery base;  // `attempt`: the attempts made so far
    std::string event_type;
    std::string business_id;
    std::string task;              // "AppId/RoomId/TaskId" of the task that raised it ("" for none)
    bool holds_task_slot = false;  // its first attempt is what the task's next event waits for
    bool waiting_turn = false;     // queued behind an earlier event of its task
    int sending = 0;               // attempts on the wire now
};

// How an attempt ended: delivered, a retry is scheduled, no retry left, or given up at shutdown.
enum class DeliveryOutcome { Delivered, Retrying, Failed, Abandoned };
const char* to_string(DeliveryOutcome outcome);
std::optional<DeliveryOutcome> delivery_outcome_from(const std::string& name);

// One line of the delivery journal (GET /_mock/callbacks).
struct AttemptRecord {
    std::uint64_t seq = 0;
    std::string delivery_id;
    std::string event_id;
    std::string event_type;
    std::string app_id;
    std::string business_id;  // the BusinessId of the callback setting it went to ("" = the app's default)
    std::string task;         // "AppId/RoomId/TaskId" of the task that raised it ("" for none)
    std::string url;
    int attempt = 0;      // 1 = first delivery, 2 and 3 = retries; resends continue the count
    bool resend = false;  // asked for by POST /_mock/callbacks/{DeliveryId}/resend
    TimeMs time = 0;      // when it was sent, on the service clock
    int http_status = 0;
    std::string error;
    double duration_ms = 0;
    DeliveryOutcome outcome = DeliveryOutcome::Delivered;
    TimeMs next_retry_at = 0;
    std::string body;

    nlohmann::json to_json() const;
};

struct AttemptQuery {
    std::string event_id;
    std::string app_id;
    std::string task;
    std::optional<DeliveryOutcome> outcome;
    std::size_t limit = 0;  // newest N; 0 = all

    // Whether `r` passes the filters (not the limit).
    bool matches(const AttemptRecord& r) const;
    bool filters() const { return !event_id.empty() || !app_id.empty() || !task.empty() || outcome; }
};

// A retry that fell due: attempt `attempt` of delivery `delivery_id`.
struct DueRetry {
    std::string delivery_id;
    int attempt = 0;
    TimeMs when = 0;
};

}  // namespace rtc::callbacks
