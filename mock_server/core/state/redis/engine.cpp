#include "core/state/redis/engine.h"

#include <unistd.h>

#include <stdexcept>

#include "core/crypto.h"
#include "core/state/memory/apps.h"
#include "core/state/memory/callback_settings.h"
#include "core/state/memory/fault_rules.h"
#include "core/state/redis/context.h"
#include "core/state/redis/deliveries.h"
#include "core/state/redis/journal_stream.h"
#include "core/state/redis/rate_windows.h"
#include "core/state/redis/wbrecord_tasks.h"
#include "core/state/redis/webcast_tasks.h"

namespace rtc::state::redis {

namespace {

std::string replica_name() {
    char host[256] = {0};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
    return std::string(host[0] ? host : "replica") + "-" + std::to_string(getpid()) + "-" +
           to_hex(random_bytes(3));
}

class RedisEngine final : public StateEngine {
  public:
    RedisEngine(const EngineSettings& s, const StateSettings& o, const Address& address)
        : client_(address, std::chrono::milliseconds(o.timeout_ms)),
          ctx_{client_, s, o, replica_name()},
          // Placeholders while the Redis parts are written: each is replaced by its Redis class.
          webcast_(ctx_),
          wbrecord_(ctx_),
          apps_(s.apps),
          callbacks_(s.app_callbacks),
          deliveries_(ctx_),
          windows_(ctx_),
          journal_(ctx_) {}

    const char* name() const override { return "redis"; }
    bool shared() const override { return true; }
    bool available() override { return client_.ping(); }
    std::uint64_t round_trips() const override { return client_.round_trips(); }
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
    Client client_;
    Context ctx_;
    RedisWebcastTasks webcast_;
    RedisWbRecordTasks wbrecord_;
    memory::MemoryApps apps_;
    memory::MemoryCallbackSettings callbacks_;
    RedisDeliveries deliveries_;
    RedisRateWindows windows_;
    memory::MemoryFaultRules faults_;
    RedisJournal journal_;
};

}  // namespace

std::unique_ptr<StateEngine> make_redis_engine(const EngineSettings& settings, const StateSettings& options) {
    std::string error;
    auto address = parse_address(options.url, error);
    if (!address) throw std::invalid_argument(error);
    return std::make_unique<RedisEngine>(settings, options, *address);
}

}  // namespace rtc::state::redis
