// The wire of the callback outbox: POSTs deliveries with cpp-httplib (HTTP and HTTPS) from a worker set that
// grows with the load up to a cap and shrinks when idle. send() only queues, so API threads never block and
// no small fixed pool caps the throughput.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "core/callbacks/outbox.h"

namespace rtc {

class HttpCallbackSender final : public callbacks::CallbackTransport {
  public:
    struct Options {
        std::size_t max_workers = 512;
        bool tls_verify = false;
        std::int64_t idle_exit_ms = 10000;  // a worker idle this long exits
    };
    explicit HttpCallbackSender(Options options);
    ~HttpCallbackSender() override;

    void send(callbacks::Delivery delivery, std::function<void(callbacks::DeliveryResult)> done) override;
    std::size_t drain(std::int64_t timeout_ms) override;

    std::size_t workers() const;

  private:
    struct Job {
        callbacks::Delivery delivery;
        std::function<void(callbacks::DeliveryResult)> done;
    };
    void work();

    Options options_;
    mutable std::mutex mu_;
    std::condition_variable cv_;       // jobs for workers
    std::condition_variable idle_cv_;  // drain / destructor wait on this
    std::deque<Job> queue_;
    std::size_t workers_ = 0;
    std::size_t idle_ = 0;
    std::size_t busy_ = 0;
    bool stopping_ = false;
};

// Splits "https://host:port/path?q" into the origin ("https://host:port") and the path ("/path?q").
bool split_callback_url(const std::string& url, std::string& origin, std::string& path);

}  // namespace rtc
