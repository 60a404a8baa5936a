// The callbacks family's backend: the console's callback settings (in the state engine) and the outbox that
// delivers task events to them. The callback actions (responses.cpp), the Webcast lifecycle (emit) and the
// admin API see only this class.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/callbacks/outbox.h"
#include "core/callbacks/settings.h"
#include "core/state/apps.h"
#include "core/state/callback_settings.h"
#include "core/state/deliveries.h"

namespace rtc::callbacks {

class CallbackBackend {
  public:
    // `region`: what GetCallback lists as a setting's Region (the service's own).
    CallbackBackend(const CallbackSettings& settings, std::string region, state::CallbackSettings& store,
                    state::Deliveries& deliveries, const state::Apps& apps, const events::Hub& hub,
                    const Clock& clock)
        : settings_(settings),
          region_(std::move(region)),
          store_(store),
          apps_(apps),
          outbox_(settings, deliveries, hub, clock) {}

    // Sends a task's event (a JSON document) to the setting of (app, business), else the app's default.
    // Returns the EventId, or "" when no setting takes it.
    std::string emit(const std::string& app_id, const std::string& business_id, const std::string& task,
                     const nlohmann::json& event_data, TimeMs when);
    // The same, the event made by `make(task, event_data)` only when a setting takes it: most apps of a load
    // test have no callback, and their tasks' status changes then cost a lookup, not a JSON document.
    template <typename Make>
    std::string emit_made(const std::string& app_id, const std::string& business_id, TimeMs when,
                          Make&& make) {
        auto setting = store_.route(app_id, business_id);
        if (!setting) return "";
        std::string task;
        nlohmann::json event_data;
        make(task, event_data);
        return outbox_.emit(*setting, task, event_data, when);
    }

    state::CallbackSettings& store() { return store_; }
    const state::CallbackSettings& store() const { return store_; }
    Outbox& outbox() { return outbox_; }
    const Outbox& outbox() const { return outbox_; }
    const state::Apps& apps() const { return apps_; }
    const CallbackSettings& settings() const { return settings_; }
    const std::string& region() const { return region_; }

    void shutdown() { outbox_.shutdown(); }

  private:
    const CallbackSettings& settings_;
    const std::string region_;
    state::CallbackSettings& store_;
    const state::Apps& apps_;
    Outbox outbox_;
};

}  // namespace rtc::callbacks
