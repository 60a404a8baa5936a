#include "core/service_parts.h"

#include "core/callbacks/responses.h"
#include "core/config_check.h"
#include "core/state/memory/engine.h"
#include "core/state/redis/engine.h"
#include "core/state/unavailable.h"
#include "core/wbrecord/responses.h"
#include "core/webcast/responses.h"

namespace rtc {

namespace {

std::unique_ptr<state::StateEngine> engine_for(const Config& c, std::unique_ptr<state::StateEngine> given) {
    if (given) return given;
    if (c.state.url == "memory") return state::memory::make_memory_engine(engine_settings(c));
    return state::redis::make_redis_engine(engine_settings(c), c.state);
}

webcast::LifecycleOptions lifecycle_of(const Config& c) {
    return webcast::LifecycleOptions{c.lifecycle, c.timelines, c.tasks, c.callbacks.end_status};
}

}  // namespace

state::EngineSettings engine_settings(const Config& c) {
    state::EngineSettings s;
    s.apps = c.apps;
    s.app_callbacks = c.app_callbacks;
    s.journal_capacity = c.journal.capacity;
    s.deliveries_capacity = c.callbacks.journal_capacity;
    s.max_ended_tasks = c.tasks.max_ended_tasks;
    return s;
}

ServiceParts::ServiceParts(Config cfg, ServiceDeps deps)
    : config(std::move(cfg)),
      clock(std::move(deps.clock)),
      pump(clock),
      errors(config.errors),
      verifier(config.identity, config.signature, config.accounts, config.temporary_credentials, *clock),
      task_log(std::make_shared<events::TaskLog>(config.tasks.event_log_capacity)),
      engine(engine_for(config, std::move(deps.engine))),
      limiter(config.rate_limits, engine->rate_windows()),
      callbacks(config.callbacks, config.identity.region, engine->callback_settings(), engine->deliveries(),
                engine->apps(), hub, *clock),
      webcast(lifecycle_of(config), engine->webcast_tasks(), engine->apps(), engine->replicas(), callbacks,
              hub, *clock, std::move(deps.pages)),
      wbrecord(config.tasks, engine->wbrecord_tasks(), engine->apps(), hub),
      actions(config.actions.versions) {
    hub.subscribe(metrics.feed(), events::kRequests | events::kDeliveries | events::kFaults);
    hub.subscribe(task_log, events::kTasks);
    if (deps.transport) callbacks.outbox().set_transport(std::move(deps.transport));
    engine->webcast_tasks().set_wakeup(&pump);
    engine->deliveries().set_wakeup(&pump);
    pump.add(webcast);
    pump.add(callbacks.outbox());
    webcast::register_webcast_actions(actions, webcast);
    wbrecord::register_wbrecord_actions(actions, wbrecord);
    callbacks::register_callback_actions(actions, callbacks);
    check_config(config, actions);
    if (engine->shared()) {
        pump.set_poll(config.state.poll_ms);
        callbacks.outbox().leave_pending_to_others();
    }
    // Another process reset the shared state: what this one holds in memory goes too.
    engine->on_remote_reset([this] {
        reset_local();
        reset_clock();
    });
    pump.start();  // with a real clock, its own thread runs the timers (a virtual clock waits for advance)
}

ServiceParts::~ServiceParts() {
    engine->settle();  // posted journal entries publish to the hub and its subscribers, which go before it
    engine->on_remote_reset(nullptr);
    pump.stop();
    webcast.shutdown();
    engine->webcast_tasks().set_wakeup(nullptr);
    engine->deliveries().set_wakeup(nullptr);
}

void ServiceParts::shutdown() {
    hub.close();  // live streams end first: none may hold shutdown
    pump.stop();
    // A shared engine that does not answer any more must not stop the process from stopping.
    try {
        webcast.shutdown();
    } catch (const state::Unavailable&) {
    }
    try {
        callbacks.shutdown();
    } catch (const state::Unavailable&) {
    }
}

void ServiceParts::reset() {
    engine->reset();
    reset_local();
    reset_clock();
}

void ServiceParts::reset_local() {
    webcast.reset();
    callbacks.outbox().reset();
    task_log->clear();
}

void ServiceParts::reset_clock() {
    if (auto* rc = dynamic_cast<RealClock*>(clock.get())) rc->reset_offset();
    if (auto* vc = dynamic_cast<VirtualClock*>(clock.get())) vc->set_ms(system_now_ms());
}

}  // namespace rtc
