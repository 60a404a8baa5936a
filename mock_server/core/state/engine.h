// A state engine: where everything lives that must be shared when several processes serve as one (tasks and
// their timers, the console's apps and callback settings, rate-limit windows, callback deliveries and their
// retries, fault rules, the journal). The modules decide; the engine keeps. `memory/` is the first engine, in
// process; the tests in tests/unit/state_contract_*.cpp hold any engine to the same contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/models/app.h"
#include "core/models/callbacks.h"
#include "core/state/apps.h"
#include "core/state/callback_settings.h"
#include "core/state/deliveries.h"
#include "core/state/fault_rules.h"
#include "core/state/journal_store.h"
#include "core/state/rate_windows.h"
#include "core/state/replicas.h"
#include "core/state/wbrecord_tasks.h"
#include "core/state/webcast_tasks.h"

namespace rtc::state {

// What an engine starts from and is bounded by.
struct EngineSettings {
    std::vector<App> apps;                       // the fixture's, restored by reset()
    std::vector<CallbackFixture> app_callbacks;  // likewise
    std::size_t journal_capacity = 10000;        // Journal.Capacity
    std::size_t deliveries_capacity = 10000;     // Callbacks.JournalCapacity: deliveries and attempts kept
    std::size_t max_ended_tasks = 100000;        // Tasks.MaxEndedTasks (0: keep all)
};

class StateEngine {
  public:
    virtual ~StateEngine() = default;
    virtual const char* name() const = 0;  // "memory", "redis"
    // True when other processes share this state (they arm due events this process must look for, so its
    // pump polls; one process's virtual clock would not be theirs).
    virtual bool shared() const { return false; }
    // Whether the engine answers now (/_mock/health, /_mock/ready); cheap enough to ask per probe.
    virtual bool available() { return true; }
    // Round trips to the engine's store that a caller waited for so far (0 in process); /_mock/metrics.
    virtual std::uint64_t round_trips() const { return 0; }
    // Those the calling thread waited for (a request's are the difference across it: its journal entry's
    // StateRoundTrips).
    virtual std::uint64_t round_trips_of_this_thread() const { return 0; }
    // Writes sent without waiting for their answer (JournalStore::post) so far, and those that failed.
    virtual std::uint64_t posted_writes() const { return 0; }
    virtual std::uint64_t failed_posted_writes() const { return 0; }
    // Waits until the writes posted so far are answered and what follows them ran (their events published),
    // so a reader in this process sees them. Bounded by the engine's timeout.
    virtual void settle() {}
    // Called (on a thread of the engine's) when another process sharing this state reset it, so this one
    // drops what it holds in its own memory too (live pages, queued sends, timelines). Set before use.
    virtual void on_remote_reset(std::function<void()> hook) { (void)hook; }
    virtual WebcastTasks& webcast_tasks() = 0;
    virtual WbRecordTasks& wbrecord_tasks() = 0;
    virtual Apps& apps() = 0;
    virtual CallbackSettings& callback_settings() = 0;
    virtual Deliveries& deliveries() = 0;
    virtual RateWindows& rate_windows() = 0;
    virtual FaultRules& fault_rules() = 0;
    virtual JournalStore& journal() = 0;
    // The processes sharing this state (SoleProcess for an engine nobody shares).
    virtual const Replicas& replicas() const {
        static const SoleProcess sole;
        return sole;
    }
    // Everything back to the fixture: no task, delivery, window, rule or journal entry; the fixture's apps
    // and callback settings.
    virtual void reset() = 0;
};

}  // namespace rtc::state
