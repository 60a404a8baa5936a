// Runs the service's due events on its clock. It keeps no events itself: those live in the state engine,
// beside the records they belong to (core/state/due.h); the pump asks its sources when the next one is due
// and has them run. With a virtual clock events run only inside advance(), each at its own instant and in
// order, so a test that advances 60 s sees every 5 s check in sequence; with a real clock a thread of its own
// runs them when they fall due.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/state/due.h"

namespace rtc {

class DuePump final : public state::DueWakeup {
  public:
    explicit DuePump(std::shared_ptr<Clock> clock);
    ~DuePump();
    DuePump(const DuePump&) = delete;
    DuePump& operator=(const DuePump&) = delete;

    Clock& clock() const { return *clock_; }
    TimeMs now_ms() const { return clock_->now_ms(); }

    // Adds a source (before start); at one instant, sources run in the order they were added.
    void add(state::DueSource& source);
    // Moves the clock forward by `delta`, running every event that falls due on the way (a real clock gains
    // an offset, then runs what is due).
    void advance(TimeMs delta);
    // Runs the events already due (a real clock's tests, the shutdown flush).
    void run_due();
    // The real-time thread (no-op for a virtual clock).
    void start();
    void stop();
    // The longest the thread sleeps without looking at its sources (1 s; a shared engine's poll, since
    // other processes arm events there).
    void set_poll(TimeMs ms) { poll_ms_.store(ms, std::memory_order_relaxed); }
    // Events waiting in every source.
    std::size_t pending() const;

    void due_at(TimeMs when) override;

  private:
    std::optional<TimeMs> earliest() const;
    // Runs every source at `now`. Under run_mu_.
    std::size_t run_at(TimeMs now);
    void loop();

    std::shared_ptr<Clock> clock_;
    std::vector<state::DueSource*> sources_;
    std::mutex run_mu_;  // one runner at a time (the thread, an advance), so events run in order
    std::mutex mu_;
    std::condition_variable cv_;
    bool running_ = false;
    bool woken_ = false;  // an event was armed before what the thread waits for
    // What the thread sleeps until: an event armed earlier wakes it.
    std::atomic<TimeMs> sleeping_until_{0};
    std::atomic<TimeMs> poll_ms_{1000};
    std::thread thread_;
};

}  // namespace rtc
