// The fault rules in process memory: a list in the order the rules were added, under one lock that the
// request path takes only when some rule exists. Each rule draws from its own generator (seeded by Seed), so
// a seeded rule faults the same positions of the requests it sees every time.
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "core/state/fault_rules.h"

namespace rtc::state::memory {

class MemoryFaultRules final : public FaultRules {
  public:
    std::optional<nlohmann::json> add(faults::FaultRule rule, TimeMs now, std::string& error) override;
    std::optional<faults::FaultHit> match(const std::string& action, const std::string& account,
                                          const std::string& app, TimeMs now) override;
    nlohmann::json list(TimeMs now) const override;
    std::vector<faults::FaultRule> rules() const override;
    std::optional<nlohmann::json> get(const std::string& id, TimeMs now) const override;
    bool remove(const std::string& id) override;
    std::size_t clear() override;
    void reset() override;
    bool empty() const override { return size_.load(std::memory_order_acquire) == 0; }
    bool scopes_by_app() const override { return by_app_.load(std::memory_order_acquire) > 0; }
    std::size_t size() const override { return size_.load(std::memory_order_acquire); }

  private:
    void recount();  // under mu_

    mutable std::mutex mu_;
    std::vector<faults::FaultRule> rules_;
    std::uint64_t next_id_ = 1;
    std::atomic<std::size_t> size_{0};
    std::atomic<std::size_t> by_app_{0};
};

}  // namespace rtc::state::memory
