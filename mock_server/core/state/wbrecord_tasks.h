// Where whiteboard recording tasks live (StartWBRecord / StopWBRecord). A task has no lifecycle beyond start
// and stop, so each operation is one step of the engine.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/models/wbrecord.h"

namespace rtc::state {

class WbRecordTasks {
  public:
    virtual ~WbRecordTasks() = default;

    enum class Started { Created, AlreadyRunning, EndedNotRestartable };
    struct StartOutcome {
        Started outcome = Started::Created;
        wbrecord::WbRecordTask task;  // as stored (the existing one unless Created)
    };
    // Creates the task, or the next generation of an ended one when `restart_ended`.
    virtual StartOutcome start(const wbrecord::WbRecordSpec& spec, const std::string& account_id, TimeMs now,
                               bool restart_ended) = 0;
    // Ends the running task with this key; nullopt when none runs.
    virtual std::optional<wbrecord::WbRecordTask> stop(const wbrecord::TaskKey& key, TimeMs now,
                                                       const std::string& reason) = 0;
    virtual std::optional<wbrecord::WbRecordTask> get(const wbrecord::TaskKey& key) const = 0;
    virtual std::vector<wbrecord::WbRecordTask> all() const = 0;
    virtual std::size_t size() const = 0;
    virtual void clear() = 0;
};

}  // namespace rtc::state
