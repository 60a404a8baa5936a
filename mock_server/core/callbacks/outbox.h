// The callback outbox: turns an event into a signed delivery to the app's callback URL, retries it on the
// Scheduler (so retries follow the virtual clock), journals every attempt, re-sends on demand and, on
// shutdown, flushes what is due and records the rest as abandoned. The wire is a CallbackTransport that the
// HTTP layer provides; the core never opens a socket.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/callbacks/store.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/events/hub.h"

namespace rtc::callbacks {

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

struct DeliveryResult {
    int http_status = 0;  // 0: no answer
    std::string error;    // why it failed when there was no answer (or the answer came too late)
    double duration_ms = 0;
};

// Sends asynchronously and calls `done` exactly once, from any thread. Must never block the caller.
class CallbackTransport {
  public:
    virtual ~CallbackTransport() = default;
    virtual void send(Delivery delivery, std::function<void(DeliveryResult)> done) = 0;
    // Waits up to `timeout_ms` of real time for sends in flight; returns how many are still running.
    virtual std::size_t drain(std::int64_t timeout_ms) = 0;
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
};

class Outbox {
  public:
    // Every recorded attempt is published on `hub` (the metrics count final outcomes from there).
    Outbox(const CallbackSettings& settings, Scheduler& scheduler, const events::Hub& hub);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    void set_transport(std::shared_ptr<CallbackTransport> transport);

    // Sends `event_data` (a JSON document) as the configured EventType to the setting's URL, if it
    // subscribes to it. Events of one task go out in order: each waits for the previous one's first attempt
    // to finish. Returns the EventId, or "" when nothing is sent.
    std::string emit(const CallbackSetting& to, const std::string& task, const nlohmann::json& event_data,
                     TimeMs when);
    // Sends a known delivery once more, same body and EventId, with no automatic retries.
    bool resend(const std::string& delivery_id, std::string& error);

    std::vector<AttemptRecord> attempts(const AttemptQuery& q = {}) const;
    std::size_t in_flight() const;
    // Deliveries waiting for a retry timer.
    std::size_t retries_pending() const;

    // Forgets everything (POST /_mock/reset); sends in flight finish unrecorded.
    void reset();
    // Flushes deliveries that are due, waits (bounded) for sends in flight and records the rest as abandoned.
    void shutdown();

    struct Impl;

  private:
    std::shared_ptr<Impl> impl_;
};

// The documented envelope of one event, signed with `secret_key`; `nonce` and `event_id` random unless given.
std::string new_event_id();

}  // namespace rtc::callbacks
