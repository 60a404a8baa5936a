// The callbacks family's backend: the console's callback settings (CallbackStore) and the outbox that
// delivers task events to them. The callback actions (responses.cpp), the Webcast lifecycle (emit) and the
// admin API see only this class.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/callbacks/outbox.h"
#include "core/callbacks/store.h"
#include "core/config.h"

namespace rtc {
class Console;
}

namespace rtc::callbacks {

class CallbackBackend {
  public:
    CallbackBackend(const Config& config, Scheduler& scheduler, const Console& console,
                    const events::Hub& hub)
        : config_(config), console_(console), store_(config), outbox_(config.callbacks, scheduler, hub) {}

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

    CallbackStore& store() { return store_; }
    const CallbackStore& store() const { return store_; }
    Outbox& outbox() { return outbox_; }
    const Console& console() const { return console_; }
    const Config& config() const { return config_; }

    void reset();
    void shutdown() { outbox_.shutdown(); }

  private:
    const Config& config_;
    const Console& console_;
    CallbackStore store_;
    Outbox outbox_;
};

}  // namespace rtc::callbacks
