// A live feed: one subscriber of the event hub per open inspector stream. The publisher (an API worker, a
// lifecycle timer, the outbox, possibly under its own lock) only copies a pointer or a small summary into
// bounded buffers and returns: it never waits for the consumer and never wakes it (no syscall on the API
// path). The consumer (the stream's own thread) takes everything at its own pace, in batches. What does not
// fit is counted, never queued: at tens of thousands of requests per second a person needs the newest rows
// and the rates, not every row, and a stuck browser must cost the API nothing.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/events/hub.h"

namespace rtc::events {

struct LiveFeedLimits {
    // Request rows kept per take: the first ones of the batch (a sample of a flood); the rest are counted as
    // skipped. Past the bound a request costs its publisher two atomic increments and no lock.
    std::size_t request_rows = 25;
    // Task, delivery and fault-hit events kept between two takes; beyond it they are counted as lost.
    std::size_t other_events = 1000;
};

// Hits of one fault rule since the previous take (fault hits are coalesced per rule, never queued one by
// one).
struct FaultHits {
    std::string fault_id;
    std::string type;
    std::string action;  // of the last hit
    std::uint64_t hits = 0;
    TimeMs last_time = 0;
};

// Everything published since the previous take.
struct FeedBatch {
    std::vector<std::shared_ptr<const JournalEntry>> requests;  // the first `request_rows`, in order
    std::uint64_t requests_seen = 0;                            // every request published (rows + skipped)
    std::uint64_t requests_skipped = 0;                         // published but not in `requests`
    std::uint64_t throttled_seen = 0;                           // of requests_seen, answered as throttled
    std::vector<TaskEvent> tasks;                               // in publication order
    std::vector<std::shared_ptr<const callbacks::AttemptRecord>> deliveries;
    std::vector<FaultHits> faults;  // one per rule hit, in order of first hit
    std::uint64_t lost = 0;         // task / delivery / fault events over `other_events`, not kept
    bool closed = false;            // the feed was closed: this is the last batch

    bool empty() const {
        return requests_seen == 0 && tasks.empty() && deliveries.empty() && faults.empty() && lost == 0;
    }
};

class LiveFeed : public Subscriber {
  public:
    explicit LiveFeed(LiveFeedLimits limits = {});

    void on_event(const Event& event) override;
    void on_close() override { close(); }

    // Waits until the feed is closed or `wait_ms` milliseconds have passed (publishers never cut the wait
    // short: the consumer paces itself), then takes what was published meanwhile.
    FeedBatch take(std::int64_t wait_ms);
    // Ends the feed: a consumer waiting in take() returns at once with `closed` set.
    void close();
    bool closed() const;

    const LiveFeedLimits& limits() const { return limits_; }

  private:
    const LiveFeedLimits limits_;
    // Requests of the current batch: counted without a lock; the first `request_rows` are kept under it.
    std::atomic<std::uint64_t> requests_seen_{0};
    std::atomic<std::uint64_t> throttled_seen_{0};
    std::atomic<bool> closed_flag_{false};
    mutable std::mutex mu_;
    std::condition_variable closed_cv_;
    bool closed_ = false;
    std::vector<std::shared_ptr<const JournalEntry>> rows_;
    std::vector<TaskEvent> tasks_;
    std::vector<std::shared_ptr<const callbacks::AttemptRecord>> deliveries_;
    std::vector<FaultHits> faults_;
    std::uint64_t lost_ = 0;
};

}  // namespace rtc::events
