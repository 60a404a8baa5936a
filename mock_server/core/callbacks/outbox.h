// The callback outbox: turns an event into a signed delivery to the app's callback URL, retries it (a due
// event of the state engine, so retries follow the virtual clock), journals every attempt, re-sends on demand
// and, on shutdown, flushes what is due and records the rest as abandoned. What it keeps lives in the
// engine's Deliveries; what is on the wire now belongs to this process. The wire is a CallbackTransport that
// the HTTP layer provides; the core never opens a socket.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/callbacks/settings.h"
#include "core/clock.h"
#include "core/events/hub.h"
#include "core/models/callbacks.h"
#include "core/state/deliveries.h"

namespace rtc::callbacks {

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

class Outbox final : public state::DueSource {
  public:
    // Every recorded attempt is published on `hub` (the metrics count final outcomes from there).
    Outbox(const CallbackSettings& settings, state::Deliveries& deliveries, const events::Hub& hub,
           const Clock& clock);
    ~Outbox() override;
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
    // Deliveries waiting for a retry.
    std::size_t retries_pending() const;

    // state::DueSource: the retries.
    std::optional<TimeMs> next_due() const override;
    std::size_t run_due(TimeMs now) override;
    std::size_t pending() const override { return retries_pending(); }

    // Forgets what is on the wire (POST /_mock/reset: the engine forgets the rest); sends in flight finish
    // unrecorded.
    void reset();
    // Flushes deliveries that are due, waits (bounded) for sends in flight and records the rest as abandoned.
    void shutdown();
    // The engine is shared with other processes: shutdown leaves the scheduled retries and the queued events
    // to them (it sends or abandons only what this process has on the wire).
    void leave_pending_to_others();

    struct Impl;

  private:
    std::shared_ptr<Impl> impl_;
};

std::string new_event_id();

}  // namespace rtc::callbacks
