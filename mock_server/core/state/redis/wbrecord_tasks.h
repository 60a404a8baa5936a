// Whiteboard recording tasks in Redis: a hash per task (PREFIX wb:t:APP/ROOM/TASK) with the record as
// created (codec/wbrecord_json.h) and, beside it, what start and stop change (generation, running, end time,
// stop reason), so start and stop are one script each, whichever replica runs them; a set of the task keys
// (wb:all) for all() and size().
#pragma once

#include "core/state/redis/context.h"
#include "core/state/wbrecord_tasks.h"

namespace rtc::state::redis {

class RedisWbRecordTasks final : public WbRecordTasks {
  public:
    explicit RedisWbRecordTasks(Context& ctx) : ctx_(ctx) {}

    StartOutcome start(const wbrecord::WbRecordSpec& spec, const std::string& account_id, TimeMs now,
                       bool restart_ended) override;
    std::optional<wbrecord::WbRecordTask> stop(const wbrecord::TaskKey& key, TimeMs now,
                                               const std::string& reason) override;
    std::optional<wbrecord::WbRecordTask> get(const wbrecord::TaskKey& key) const override;
    std::vector<wbrecord::WbRecordTask> all() const override;
    std::size_t size() const override;
    void clear() override;

  private:
    std::string hash_key(const std::string& ks) const { return ctx_.key("wb:t:" + ks); }

    Context& ctx_;
};

}  // namespace rtc::state::redis
