// The job queue of a page's own thread. ChromiumPage::run() is that thread: it opens the page, then runs the
// jobs posted here (decoding frames, reporting to the listener) in order until the page is closed or has
// failed. Other threads (the DevTools reader, the lifecycle's) only post, which is why every listener call
// comes from the page's thread. Shared with the page's parts: their DevTools answers post their follow-up
// here.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace rtc::pages {

class PageThread {
  public:
    // Queues `job` for the page's thread; false once that thread has ended.
    bool post(std::function<void()> job);
    // run_jobs() returns once the queue is empty (the page was closed or failed).
    void stop();
    // The page's thread: runs the jobs in order until stop() and an empty queue.
    void run_jobs();
    // The page's thread, last: post() fails from now on, and the jobs posted since run_jobs() returned run
    // here, so each `done` they carry (probe answers and the like) runs exactly once.
    void end();
    bool ended() const;

  private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    bool stopped_ = false;
    bool ended_ = false;
};

}  // namespace rtc::pages
