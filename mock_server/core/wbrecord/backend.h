// The whiteboard recording family's backend: its tasks (in the state engine) and their steps on the event
// hub; the actions (responses.cpp) and the admin API see only this class. A WBRecord task has no lifecycle
// beyond start and stop (no callbacks are documented).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/events/hub.h"
#include "core/models/wbrecord.h"
#include "core/state/apps.h"
#include "core/state/wbrecord_tasks.h"
#include "core/tasks_settings.h"

namespace rtc::wbrecord {

class WbRecordBackend {
  public:
    WbRecordBackend(const TaskSettings& settings, state::WbRecordTasks& tasks, const state::Apps& apps,
                    const events::Hub& hub)
        : settings_(settings), tasks_(tasks), apps_(apps), hub_(hub) {}

    using Started = state::WbRecordTasks::Started;
    state::WbRecordTasks::StartOutcome start(const WbRecordSpec& spec, const std::string& account_id,
                                             TimeMs now);
    // Ends a running task; nullopt when no task with this key runs.
    std::optional<WbRecordTask> stop(const TaskKey& key, TimeMs now, const std::string& reason);
    std::optional<WbRecordTask> get(const TaskKey& key) const { return tasks_.get(key); }
    std::vector<WbRecordTask> all() const { return tasks_.all(); }
    std::size_t size() const { return tasks_.size(); }

    const state::Apps& apps() const { return apps_; }
    const TaskSettings& settings() const { return settings_; }

  private:
    void publish(const WbRecordTask& task, events::TaskStep step, TimeMs now, std::string reason = "") const;

    const TaskSettings& settings_;
    state::WbRecordTasks& tasks_;
    const state::Apps& apps_;
    const events::Hub& hub_;
};

}  // namespace rtc::wbrecord
