// Counters of the API traffic for `GET /_mock/metrics`. The hot path takes one uncontended shard lock per
// request (each thread sticks to a shard); plain counters are atomics. A scrape merges the shards.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "core/events/hub.h"

namespace rtc {

class Metrics {
  public:
    // What the metrics hear from the event hub: requests, delivery outcomes, fault hits. Subscribe it once
    // (topics kRequests | kDeliveries | kFaults); it must not outlive this object.
    std::shared_ptr<events::Subscriber> feed();

    // Upper bounds (seconds) of the latency histogram buckets; +Inf is implied.
    static const std::vector<double>& latency_buckets();

    // One answered (or dropped) API request. `action` must come from a bounded set (the pipeline passes
    // "unknown" for an unrouted one), `code` is the error Code or "ok"; `state_round_trips` those it waited
    // for on a shared state engine.
    void observe_request(const std::string& action, const std::string& code, int status, double seconds,
                         int state_round_trips = 0);
    void throttled() { throttled_.fetch_add(1, std::memory_order_relaxed); }
    void fault_injected(int type_index);
    // Callback delivery outcomes (the callback sender calls these).
    void callback_delivered() { callbacks_delivered_.fetch_add(1, std::memory_order_relaxed); }
    void callback_failed() { callbacks_failed_.fetch_add(1, std::memory_order_relaxed); }

    struct RequestCount {
        std::string action;
        std::string code;
        int status;
        std::uint64_t count;
    };
    struct Histogram {
        std::string action;
        std::vector<std::uint64_t> buckets;  // cumulative counts per bound, then +Inf
        double sum_seconds = 0;
        std::uint64_t count = 0;
    };
    std::vector<RequestCount> request_counts() const;
    std::vector<Histogram> latency_histograms() const;
    // Round trips to the state engine that requests waited for, by action.
    std::map<std::string, std::uint64_t> state_round_trips() const;
    std::uint64_t throttled_total() const { return throttled_.load(std::memory_order_relaxed); }
    std::uint64_t faults_total(int type_index) const;
    std::uint64_t callbacks_delivered() const { return callbacks_delivered_.load(std::memory_order_relaxed); }
    std::uint64_t callbacks_failed() const { return callbacks_failed_.load(std::memory_order_relaxed); }

  private:
    static constexpr std::size_t kShards = 16;
    static constexpr std::size_t kMaxFaultTypes = 8;
    struct ActionStats {
        std::map<std::pair<std::string, int>, std::uint64_t> by_code_status;
        std::vector<std::uint64_t> buckets;  // per bound (not cumulative), then +Inf
        std::uint64_t sum_ns = 0;
        std::uint64_t count = 0;
        std::uint64_t state_round_trips = 0;
    };
    struct alignas(64) Shard {
        mutable std::mutex mu;
        std::map<std::string, ActionStats> by_action;
    };
    Shard& my_shard();

    std::array<Shard, kShards> shards_;
    std::atomic<std::uint64_t> throttled_{0};
    std::array<std::atomic<std::uint64_t>, kMaxFaultTypes> faults_{};
    std::atomic<std::uint64_t> callbacks_delivered_{0};
    std::atomic<std::uint64_t> callbacks_failed_{0};
};

}  // namespace rtc
