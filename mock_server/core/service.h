// The mock service without HTTP: one call takes a request and gives the response the real service would.
// The pipeline (route, authenticate, throttle, inject faults, validate, act, journal) lives in handle().
#pragma once

#include <memory>
#include <string>

#include "core/actions/registry.h"
#include "core/callbacks/outbox.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/console/console.h"
#include "core/envelope.h"
#include "core/errors.h"
#include "core/events/hub.h"
#include "core/faults/fault_set.h"
#include "core/journal/journal.h"
#include "core/metrics/metrics.h"
#include "core/ratelimit/limiter.h"
#include "core/request.h"
#include "core/signing/verifier.h"
#include "core/wbrecord/store.h"
#include "core/webcast/lifecycle.h"
#include "core/webcast/store.h"

namespace rtc {

class MockService {
  public:
    MockService(Config config, std::shared_ptr<Clock> clock);
    ~MockService();
    MockService(const MockService&) = delete;
    MockService& operator=(const MockService&) = delete;

    ApiResponse handle(const ApiRequest& req);
    // An error answer built outside handle() (the HTTP layer's body-size limit): enveloped and journaled.
    ApiResponse reject(const ApiRequest& req, const std::string& reason, const std::string& message);
    // Back to the fixture: tasks, journal, rate windows, faults, console, clock offset.
    void reset();
    // Graceful stop: timers stop, callbacks that are due are flushed or recorded as abandoned.
    void shutdown();

    const Config& config() const { return config_; }
    Clock& clock() { return *clock_; }
    Scheduler& scheduler() { return scheduler_; }
    const ErrorCatalog& errors() const { return errors_; }
    const ActionRegistry& actions() const { return actions_; }
    Journal& journal() { return journal_; }
    events::Hub& hub() { return hub_; }
    Console& console() { return console_; }
    RateLimiter& limiter() { return limiter_; }
    webcast::WebcastStore& webcasts() { return webcasts_; }
    webcast::Lifecycle& lifecycle() { return lifecycle_; }
    wbrecord::WbRecordStore& wbrecords() { return wbrecords_; }
    callbacks::Outbox& outbox() { return outbox_; }
    faults::FaultSet& faults() { return faults_; }
    Metrics& metrics() { return metrics_; }
    // Tests register extra actions (a pipeline test needs an action without business rules).
    ActionRegistry& action_registry() { return actions_; }

  private:
    ResponseMeta meta_for(const std::string& action, const std::string& version, TimeMs now) const;
    ApiResponse error_response(const ResponseMeta& meta, const ApiError& err, JournalEntry& entry) const;
    // FlowLimitExceeded with Retry-After: the one throttled answer, of the limiter and of throttle faults.
    ApiResponse throttled_response(const ResponseMeta& meta, const std::string& action, int limit,
                                   std::int64_t retry_after_seconds, JournalEntry& entry) const;
    // The answer of an "error" fault rule.
    ApiResponse fault_error_response(const ResponseMeta& meta, const faults::FaultHit& hit,
                                     JournalEntry& entry) const;

    Config config_;
    std::shared_ptr<Clock> clock_;
    Scheduler scheduler_;
    ErrorCatalog errors_;
    ActionRegistry actions_;
    signing::Verifier verifier_;
    events::Hub hub_;
    Journal journal_;
    Console console_;
    RateLimiter limiter_;
    webcast::WebcastStore webcasts_{config_.tasks.max_ended_tasks};
    Metrics metrics_;
    callbacks::Outbox outbox_{config_.callbacks, scheduler_, console_, &metrics_};
    webcast::Lifecycle lifecycle_{*this};
    wbrecord::WbRecordStore wbrecords_;
    faults::FaultSet faults_;
};

// Registers every action module (webcast, whiteboard recording, callbacks).
void register_all_actions(ActionRegistry& registry);

}  // namespace rtc
