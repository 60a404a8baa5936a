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
