// The whiteboard recording family's backend: owns its tasks; the actions (responses.cpp) and the admin API
// see only this class. A WBRecord task has no lifecycle beyond start and stop (no callbacks are documented).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "core/events/hub.h"
#include "core/wbrecord/models.h"

namespace rtc {
class Console;
}

namespace rtc::wbrecord {

class WbRecordBackend {
  public:
    WbRecordBackend(const Config& config, const Console& console, const events::Hub& hub)
        : config_(config), console_(console), hub_(hub) {}

    enum class Start { Created, AlreadyRunning, EndedNotRestartable };
    struct StartOutcome {
        Start outcome;
        WbRecordTask task;
    };
    StartOutcome start(const WbRecordSpec& spec, const std::string& account_id, TimeMs now);
    // Ends a running task; nullopt when no task with this key runs.
    std::optional<WbRecordTask> stop(const TaskKey& key, TimeMs now, const std::string& reason);
    std::optional<WbRecordTask> get(const TaskKey& key) const;
    std::vector<WbRecordTask> all() const;
    std::size_t size() const;
    void reset();

    const Console& console() const { return console_; }
    const Config& config() const { return config_; }

  private:
    void publish(const WbRecordTask& task, events::TaskStep step, TimeMs now, std::string reason = "") const;

    const Config& config_;
    const Console& console_;
    const events::Hub& hub_;
    // One lock is plenty: the documented rate is 10 requests/s per account.
    mutable std::mutex mu_;
    std::unordered_map<TaskKey, WbRecordTask, webcast::TaskKeyHash> tasks_;
};

}  // namespace rtc::wbrecord
