#include "core/state/memory/engine.h"

#include "core/state/memory/apps.h"
#include "core/state/memory/callback_settings.h"
#include "core/state/memory/deliveries.h"
#include "core/state/memory/fault_rules.h"
#include "core/state/memory/journal_ring.h"
#include "core/state/memory/rate_windows.h"
#include "core/state/memory/wbrecord_table.h"
#include "core/state/memory/webcast_table.h"

namespace rtc::state::memory {

namespace {

class MemoryEngine final : public StateEngine {
  public:
    explicit MemoryEngine(const EngineSettings& s)
        : webcast_(s.max_ended_tasks),
          apps_(s.apps),
          callbacks_(s.app_callbacks),
          deliveries_(s.deliveries_capacity),
          journal_(s.journal_capacity) {}

    const char* name() const override { return "memory"; }
    WebcastTasks& webcast_tasks() override { return webcast_; }
    WbRecordTasks& wbrecord_tasks() override { return wbrecord_; }
    Apps& apps() override { return apps_; }
    CallbackSettings& callback_settings() override { return callbacks_; }
    Deliveries& deliveries() override { return deliveries_; }
    RateWindows& rate_windows() override { return windows_; }
    FaultRules& fault_rules() override { return faults_; }
    JournalStore& journal() override { return journal_; }

    void reset() override {
        webcast_.clear();
        wbrecord_.clear();
        apps_.reset();
        callbacks_.reset();
        deliveries_.clear();
        windows_.clear();
        faults_.reset();
        journal_.clear();
    }

  private:
    MemoryWebcastTasks webcast_;
    MemoryWbRecordTasks wbrecord_;
    MemoryApps apps_;
    MemoryCallbackSettings callbacks_;
    MemoryDeliveries deliveries_;
    MemoryRateWindows windows_;
    MemoryFaultRules faults_;
    JournalRing journal_;
};

}  // namespace

std::unique_ptr<StateEngine> make_memory_engine(const EngineSettings& settings) {
    return std::make_unique<MemoryEngine>(settings);
}

}  // namespace rtc::state::memory
