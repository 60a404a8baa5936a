// Whiteboard recording tasks in process memory: one map under one lock (the documented rate is 10 requests
// per second per account).
#pragma once

#include <mutex>
#include <unordered_map>

#include "core/state/wbrecord_tasks.h"

namespace rtc::state::memory {

class MemoryWbRecordTasks final : public WbRecordTasks {
  public:
    StartOutcome start(const wbrecord::WbRecordSpec& spec, const std::string& account_id, TimeMs now,
                       bool restart_ended) override;
    std::optional<wbrecord::WbRecordTask> stop(const wbrecord::TaskKey& key, TimeMs now,
                                               const std::string& reason) override;
    std::optional<wbrecord::WbRecordTask> get(const wbrecord::TaskKey& key) const override;
    std::vector<wbrecord::WbRecordTask> all() const override;
    std::size_t size() const override;
    void clear() override;

  private:
    mutable std::mutex mu_;
    std::unordered_map<wbrecord::TaskKey, wbrecord::WbRecordTask, webcast::TaskKeyHash> tasks_;
};

}  // namespace rtc::state::memory
