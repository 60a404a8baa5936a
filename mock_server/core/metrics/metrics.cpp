#include "core/metrics/metrics.h"

#include <algorithm>

#include "core/journal/journal.h"
#include "core/models/callbacks.h"

namespace rtc {

namespace {

struct Feed final : events::Subscriber {
    explicit Feed(Metrics& m) : metrics(m) {}
    void on_event(const events::Event& event) override {
        if (auto* r = std::get_if<events::RequestEvent>(&event)) {
            const JournalEntry& e = *r->entry;
            // The action label only once the request was routed (bounded labels); a dropped connection is
            // labelled by its fault type.
            metrics.observe_request(e.routed ? e.action : "unknown",
                                    e.http_status == 0 && e.fault_type ? faults::type_name(*e.fault_type)
                                    : e.error_code.empty()             ? "ok"
                                                                       : e.error_code,
                                    e.http_status, e.latency_ms / 1000.0, e.state_round_trips);
            if (e.throttled) metrics.throttled();
        } else if (auto* d = std::get_if<events::DeliveryEvent>(&event)) {
            // Final outcomes only: a delivery that is retrying has not failed yet.
            using callbacks::DeliveryOutcome;
            const DeliveryOutcome o = d->attempt->outcome;
            if (o == DeliveryOutcome::Delivered) metrics.callback_delivered();
            if (o == DeliveryOutcome::Failed || o == DeliveryOutcome::Abandoned) metrics.callback_failed();
        } else if (auto* f = std::get_if<events::FaultEvent>(&event)) {
            metrics.fault_injected(static_cast<int>(f->type));
        }
    }
    Metrics& metrics;
};

}  // namespace

std::shared_ptr<events::Subscriber> Metrics::feed() {
    return std::make_shared<Feed>(*this);
}

const std::vector<double>& Metrics::latency_buckets() {
    static const std::vector<double> bounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,    0.25,  0.5,    1,     2.5,  5,     10};
    return bounds;
}

Metrics::Shard& Metrics::my_shard() {
    static std::atomic<std::size_t> next{0};
    thread_local std::size_t index = next.fetch_add(1, std::memory_order_relaxed) % kShards;
    return shards_[index];
}

void Metrics::observe_request(const std::string& action, const std::string& code, int status, double seconds,
                              int state_round_trips) {
    const auto& bounds = latency_buckets();
    std::size_t bucket =
        static_cast<std::size_t>(std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
    Shard& s = my_shard();
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.by_action.find(action);
    if (it == s.by_action.end()) {
        it = s.by_action.emplace(action, ActionStats{}).first;
        it->second.buckets.assign(bounds.size() + 1, 0);
    }
    ActionStats& a = it->second;
    ++a.by_code_status[{code, status}];
    ++a.buckets[bucket];
    a.sum_ns += static_cast<std::uint64_t>(std::max(0.0, seconds) * 1e9);
    ++a.count;
    a.state_round_trips += static_cast<std::uint64_t>(std::max(0, state_round_trips));
}

void Metrics::fault_injected(int type_index) {
    if (type_index >= 0 && static_cast<std::size_t>(type_index) < kMaxFaultTypes)
        faults_[static_cast<std::size_t>(type_index)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::faults_total(int type_index) const {
    if (type_index < 0 || static_cast<std::size_t>(type_index) >= kMaxFaultTypes) return 0;
    return faults_[static_cast<std::size_t>(type_index)].load(std::memory_order_relaxed);
}

std::vector<Metrics::RequestCount> Metrics::request_counts() const {
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> merged;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [action, a] : s.by_action)
            for (const auto& [cs, n] : a.by_code_status) merged[{action, cs.first, cs.second}] += n;
    }
    std::vector<RequestCount> out;
    for (const auto& [k, n] : merged) out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), n});
    return out;
}

std::map<std::string, std::uint64_t> Metrics::state_round_trips() const {
    std::map<std::string, std::uint64_t> out;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [action, a] : s.by_action) out[action] += a.state_round_trips;
    }
    return out;
}

std::vector<Metrics::Histogram> Metrics::latency_histograms() const {
    const std::size_t nb = latency_buckets().size() + 1;
    std::map<std::string, Histogram> merged;
    std::map<std::string, std::uint64_t> sum_ns;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [action, a] : s.by_action) {
            Histogram& h = merged[action];
            if (h.buckets.empty()) {
                h.action = action;
                h.buckets.assign(nb, 0);
            }
            for (std::size_t i = 0; i < nb; ++i) h.buckets[i] += a.buckets[i];
            sum_ns[action] += a.sum_ns;
            h.count += a.count;
        }
    }
    std::vector<Histogram> out;
    for (auto& [action, h] : merged) {
        for (std::size_t i = 1; i < nb; ++i) h.buckets[i] += h.buckets[i - 1];  // cumulative, as exposed
        h.sum_seconds = static_cast<double>(sum_ns[action]) / 1e9;
        out.push_back(std::move(h));
    }
    return out;
}

}  // namespace rtc
