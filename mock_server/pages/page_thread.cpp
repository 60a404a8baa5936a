#include "pages/page_thread.h"

namespace rtc::pages {

bool PageThread::post(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ended_) return false;
    jobs_.push_back(std::move(job));
    cv_.notify_all();
    return true;
}

void PageThread::stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    cv_.notify_all();
}

void PageThread::run_jobs() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [&] { return !jobs_.empty() || stopped_; });
            if (jobs_.empty()) return;  // stopped, nothing left to do
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

void PageThread::end() {
    std::deque<std::function<void()>> rest;
    {
        std::lock_guard<std::mutex> lock(mu_);
        ended_ = true;
        rest.swap(jobs_);
    }
    for (auto& job : rest) job();
}

bool PageThread::ended() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ended_;
}

}  // namespace rtc::pages
