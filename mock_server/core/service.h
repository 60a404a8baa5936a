// The mock service without HTTP: one call takes a request and gives the response the real service would.
// MockService runs the pipeline (route, authenticate, inject faults, throttle, act, answer, journal) and
// holds the shared pieces and one backend per family of actions (webcast/, wbrecord/, callbacks/), each of
// which owns its state and is all its actions see.
#pragma once

#include <memory>
#include <string>

#include "core/actions/registry.h"
#include "core/callbacks/backend.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/console/console.h"
#include "core/envelope.h"
#include "core/errors.h"
#include "core/events/hub.h"
#include "core/events/task_log.h"
#include "core/faults/fault_set.h"
#include "core/journal/journal.h"
#include "core/metrics/metrics.h"
#include "core/ratelimit/limiter.h"
#include "core/request.h"
#include "core/signing/verifier.h"
#include "core/wbrecord/backend.h"
#include "core/webcast/backend.h"

namespace rtc {

class MockService {
  public:
    // `pages` is where Webcast tasks' pages come from (null: the scripted pages).
    MockService(Config config, std::shared_ptr<Clock> clock,
                std::unique_ptr<webcast::PageSource> pages = nullptr);
    ~MockService();
    MockService(const MockService&) = delete;
    MockService& operator=(const MockService&) = delete;

    ApiResponse handle(const ApiRequest& req);
    // The same; the journal keeps the request's headers, query and body without copying them.
    ApiResponse handle(ApiRequest&& req);
    // An error answer built outside handle() (the HTTP layer's body-size limit): enveloped and journaled.
    ApiResponse reject(const ApiRequest& req, const std::string& reason, const std::string& message);
    // Back to the fixture: tasks, journal, rate windows, faults, console, callbacks, clock offset.
    void reset();
    // Graceful stop: live streams end, timers stop, callbacks that are due are flushed or recorded as
    // abandoned.
    void shutdown();

    const Config& config() const { return config_; }
    Clock& clock() { return *clock_; }
    Scheduler& scheduler() { return scheduler_; }
    const ErrorCatalog& errors() const { return errors_; }
    ActionRegistry& actions() { return actions_; }
    events::Hub& hub() { return hub_; }
    const events::TaskLog& task_log() const { return *task_log_; }
    Journal& journal() { return journal_; }
    Console& console() { return console_; }
    RateLimiter& limiter() { return limiter_; }
    faults::FaultSet& faults() { return faults_; }
    Metrics& metrics() { return metrics_; }
    webcast::WebcastBackend& webcast() { return webcast_; }
    wbrecord::WbRecordBackend& wbrecord() { return wbrecord_; }
    callbacks::CallbackBackend& callbacks() { return callbacks_; }

  private:
    struct Pipeline;  // one request's way through handle() (service.cpp)
    ApiResponse run(const ApiRequest& req, ApiRequest* owned);

    ResponseMeta meta_for(const std::string& action, const std::string& version, TimeMs now) const;

    Config config_;
    std::shared_ptr<Clock> clock_;
    Scheduler scheduler_;
    ErrorCatalog errors_;
    ActionRegistry actions_;
    signing::Verifier verifier_;
    events::Hub hub_;
    std::shared_ptr<events::TaskLog> task_log_;
    Metrics metrics_;
    Journal journal_;
    Console console_;
    RateLimiter limiter_;
    faults::FaultSet faults_;
    callbacks::CallbackBackend callbacks_;
    webcast::WebcastBackend webcast_;
    wbrecord::WbRecordBackend wbrecord_;
};

}  // namespace rtc
