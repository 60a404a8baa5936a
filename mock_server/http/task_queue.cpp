#include "http/task_queue.h"

namespace rtc {

ElasticTaskQueue::ElasticTaskQueue(std::size_t initial_threads, std::size_t max_threads)
    : max_threads_(max_threads ? max_threads : 1) {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::size_t i = 0; i < initial_threads && i < max_threads_; ++i) spawn_locked();
}

ElasticTaskQueue::~ElasticTaskQueue() {
    shutdown();
}

void ElasticTaskQueue::spawn_locked() {
    threads_.emplace_back([this] { work(); });
}

void ElasticTaskQueue::enqueue(std::function<void()> fn) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (shutdown_) return;
        jobs_.push_back(std::move(fn));
        // Every queued job needs a worker of its own: it may hold it for a whole keep-alive connection.
        if (jobs_.size() > idle_ && threads_.size() < max_threads_) spawn_locked();
    }
    cv_.notify_one();
}

void ElasticTaskQueue::shutdown() {
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (shutdown_ && threads_.empty()) return;
        shutdown_ = true;
        threads.swap(threads_);
    }
    cv_.notify_all();
    for (auto& t : threads)
        if (t.joinable()) t.join();
}

std::size_t ElasticTaskQueue::threads() const {
    std::lock_guard<std::mutex> lock(mu_);
    return threads_.size();
}

void ElasticTaskQueue::work() {
    for (;;) {
        std::function<void()> fn;
        {
            std::unique_lock<std::mutex> lock(mu_);
            ++idle_;
            cv_.wait(lock, [&] { return !jobs_.empty() || shutdown_; });
            --idle_;
            // Finish the queued connections before leaving, as ThreadPool does.
            if (jobs_.empty()) return;
            fn = std::move(jobs_.front());
            jobs_.pop_front();
        }
        fn();
    }
}

}  // namespace rtc
