// cpp-httplib serves one connection per worker thread for the connection's whole keep-alive life, so a fixed
// pool is a cap on connections: idle keep-alive clients or slow (slowloris) peers starve everyone else. This
// queue starts small and adds a worker whenever a connection arrives and none is idle, up to a maximum.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rtc {

class ElasticTaskQueue final : public httplib::TaskQueue {
  public:
    ElasticTaskQueue(std::size_t initial_threads, std::size_t max_threads);
    ~ElasticTaskQueue() override;
    void enqueue(std::function<void()> fn) override;
    void shutdown() override;
    std::size_t threads() const;

  private:
    void spawn_locked();
    void work();

    const std::size_t max_threads_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    bool shutdown_ = false;
};

}  // namespace rtc
