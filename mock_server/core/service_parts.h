// Everything a mock is made of, built once from its config: the clock and the pump of due events, the state
// engine, the shared pieces (verifier, limiter, hub, metrics) and one backend per family of actions. The
// request pipeline and the admin front door (MockService) run over these parts; unit tests reach into them.
#pragma once

#include <memory>

#include "core/actions/registry.h"
#include "core/callbacks/backend.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/due_pump.h"
#include "core/errors.h"
#include "core/events/hub.h"
#include "core/events/task_log.h"
#include "core/metrics/metrics.h"
#include "core/ratelimit/limiter.h"
#include "core/signing/verifier.h"
#include "core/state/engine.h"
#include "core/wbrecord/backend.h"
#include "core/webcast/backend.h"

namespace rtc {

// What a mock is built with besides its config.
struct ServiceDeps {
    std::shared_ptr<Clock> clock;                             // required
    std::unique_ptr<webcast::PageSource> pages;               // null: simulated pages (--pages scripted)
    std::shared_ptr<callbacks::CallbackTransport> transport;  // null: no callback leaves the process
    std::unique_ptr<state::StateEngine> engine;               // null: the memory engine
};

// What the state engine of a mock on `config` starts from and is bounded by.
state::EngineSettings engine_settings(const Config& config);

class ServiceParts {
  public:
    // Throws ConfigError when the config names actions the mock does not serve (check_config), and
    // state::Unavailable when the config's State.Url names a Redis that does not answer.
    ServiceParts(Config config, ServiceDeps deps);
    ~ServiceParts();
    ServiceParts(const ServiceParts&) = delete;
    ServiceParts& operator=(const ServiceParts&) = delete;

    // Back to the fixture: tasks, journal, rate windows, faults, console, callbacks, clock offset.
    void reset();
    // Graceful stop: live streams end, timers stop, callbacks that are due are flushed or recorded as
    // abandoned.
    void shutdown();
    // What reset() clears in this process alone (live pages, queued sends, timelines): also run when
    // another process sharing the engine reset it, and by a state import (which keeps the clock).
    void reset_local();
    // The clock back to real time (no offset; a virtual clock at the real time).
    void reset_clock();

    const Config config;
    const std::shared_ptr<Clock> clock;
    DuePump pump;
    const ErrorCatalog errors;
    const signing::Verifier verifier;
    events::Hub hub;
    const std::shared_ptr<events::TaskLog> task_log;
    Metrics metrics;
    const std::unique_ptr<state::StateEngine> engine;
    RateLimiter limiter;
    callbacks::CallbackBackend callbacks;
    webcast::WebcastBackend webcast;
    wbrecord::WbRecordBackend wbrecord;
    ActionRegistry actions;
};

}  // namespace rtc
