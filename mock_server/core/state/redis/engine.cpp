#include "core/state/redis/engine.h"

#include <unistd.h>

#include <stdexcept>

#include "core/crypto.h"
#include "core/state/redis/apps.h"
#include "core/state/redis/callback_settings.h"
#include "core/state/redis/context.h"
#include "core/state/redis/deliveries.h"
#include "core/state/redis/fault_rules.h"
#include "core/state/redis/journal_stream.h"
#include "core/state/redis/rate_windows.h"
#include "core/state/redis/replica_liveness.h"
#include "core/state/redis/replica_sync.h"
#include "core/state/redis/state_reset.h"
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
          sync_(ctx_),
          webcast_(ctx_),
          wbrecord_(ctx_),
          apps_(ctx_, sync_),
          callbacks_(ctx_, sync_),
          deliveries_(ctx_),
          windows_(ctx_),
          faults_(ctx_, sync_),
          journal_(ctx_),
          replicas_(ctx_) {
        sync_.start(seed_once(ctx_, sync_));
    }
    ~RedisEngine() override {
        client_.settle();  // the posted writes' follow-ups use the parts destroyed before the client
        sync_.stop();
    }

    const char* name() const override { return "redis"; }
    bool shared() const override { return true; }
    bool available() override { return client_.ping(); }
    std::uint64_t round_trips() const override { return client_.round_trips(); }
    std::uint64_t round_trips_of_this_thread() const override { return Client::round_trips_of_this_thread(); }
    std::uint64_t posted_writes() const override { return client_.posts(); }
    std::uint64_t failed_posted_writes() const override { return client_.failed_posts(); }
    void settle() override { client_.settle(); }
    void on_remote_reset(std::function<void()> hook) override {
        sync_.on_remote_reset(nullptr, std::move(hook));
    }
    WebcastTasks& webcast_tasks() override { return webcast_; }
    WbRecordTasks& wbrecord_tasks() override { return wbrecord_; }
    Apps& apps() override { return apps_; }
    CallbackSettings& callback_settings() override { return callbacks_; }
    Deliveries& deliveries() override { return deliveries_; }
    RateWindows& rate_windows() override { return windows_; }
    FaultRules& fault_rules() override { return faults_; }
    JournalStore& journal() override { return journal_; }
    const Replicas& replicas() const override { return replicas_; }

    // One script empties the prefix (but the journals' Seq counters, which never restart) and seeds the
    // fixture again (state_reset.h), once the journal entries still on their way are in; this process then
    // forgets its claims of timers that are gone.
    void reset() override {
        client_.settle();
        reset_state(ctx_, sync_);
        webcast_.forget_all_claims();
    }

  private:
    Client client_;
    Context ctx_;
    ReplicaSync sync_;
    RedisWebcastTasks webcast_;
    RedisWbRecordTasks wbrecord_;
    RedisApps apps_;
    RedisCallbackSettings callbacks_;
    RedisDeliveries deliveries_;
    RedisRateWindows windows_;
    RedisFaultRules faults_;
    RedisJournal journal_;
    ReplicaLiveness replicas_;
};

}  // namespace

std::unique_ptr<StateEngine> make_redis_engine(const EngineSettings& settings, const StateSettings& options) {
    std::string error;
    auto address = parse_address(options.url, error);
    if (!address) throw std::invalid_argument(error);
    return std::make_unique<RedisEngine>(settings, options, *address);
}

}  // namespace rtc::state::redis
