#include "http/callback_sender.h"

#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <thread>

namespace rtc {

bool split_callback_url(const std::string& url, std::string& origin, std::string& path) {
    std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    const std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    std::size_t path_start = url.find_first_of("/?#", scheme_end + 3);
    origin = url.substr(0, path_start);
    if (origin.size() <= scheme_end + 3) return false;
    path = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (path.empty() || path[0] != '/') path = "/" + path;
    auto hash = path.find('#');
    if (hash != std::string::npos) path.erase(hash);
    return true;
}

HttpCallbackSender::HttpCallbackSender(Options options) : options_(options) {}

HttpCallbackSender::~HttpCallbackSender() {
    std::unique_lock<std::mutex> lock(mu_);
    stopping_ = true;
    cv_.notify_all();
    // Workers finish the job in hand (bounded by its timeout), answer the queue as abandoned and exit.
    idle_cv_.wait(lock, [this] { return workers_ == 0; });
}

std::size_t HttpCallbackSender::workers() const {
    std::lock_guard<std::mutex> lock(mu_);
    return workers_;
}

void HttpCallbackSender::send(callbacks::Delivery delivery,
                              std::function<void(callbacks::DeliveryResult)> done) {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
        done(callbacks::DeliveryResult{0, "the callback sender is stopping", 0});
        return;
    }
    queue_.push_back(Job{std::move(delivery), std::move(done)});
    // Grow while every worker is busy, up to the cap; idle ones pick the job up otherwise.
    if (idle_ < queue_.size() && workers_ < options_.max_workers) {
        ++workers_;
        std::thread([this] { work(); }).detach();
    } else {
        cv_.notify_one();
    }
}

std::size_t HttpCallbackSender::drain(std::int64_t timeout_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    idle_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return queue_.empty() && busy_ == 0; });
    return queue_.size() + busy_;
}

void HttpCallbackSender::work() {
    // Keep-alive clients per origin, owned by this worker (a client is not shared between threads).
    std::map<std::string, std::unique_ptr<httplib::Client>> clients;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
        if (queue_.empty()) {
            if (stopping_) break;
            ++idle_;
            bool woke = cv_.wait_for(lock, std::chrono::milliseconds(options_.idle_exit_ms),
                                     [this] { return !queue_.empty() || stopping_; });
            --idle_;
            if (!woke) break;
            continue;
        }
        Job job = std::move(queue_.front());
        queue_.pop_front();
        ++busy_;
        lock.unlock();

        callbacks::DeliveryResult result;
        const auto& d = job.delivery;
        std::string origin, path;
        const std::int64_t started = steady_now_ns();
        if (!split_callback_url(d.url, origin, path)) {
            result.error = "not an http:// or https:// URL: " + d.url;
        } else {
            auto& client = clients[origin];
            for (int round = 0; round < 2; ++round) {
                const bool reused = client != nullptr;
                if (!client) {
                    client = std::make_unique<httplib::Client>(origin);
                    const time_t sec = static_cast<time_t>(d.timeout_ms / 1000);
                    const time_t usec = static_cast<time_t>((d.timeout_ms % 1000) * 1000);
                    client->set_connection_timeout(sec, usec);
                    client->set_read_timeout(sec, usec);
                    client->set_write_timeout(sec, usec);
                    client->set_keep_alive(true);
                    client->enable_server_certificate_verification(options_.tls_verify);
                }
                auto res = client->Post(path.c_str(), d.body, "application/json");
                if (res) {
                    result.http_status = res->status;
                    break;
                }
                result.error = httplib::to_string(res.error());
                client.reset();  // a broken connection is not reused
                // A kept-alive connection the receiver had closed is not a failed delivery: once more, fresh.
                if (!reused || (res.error() != httplib::Error::Read && res.error() != httplib::Error::Write))
                    break;
                result.error.clear();
            }
        }
        result.duration_ms = static_cast<double>(steady_now_ns() - started) / 1e6;
        if (result.error.empty() && result.duration_ms > static_cast<double>(d.timeout_ms))
            result.error = "answered after the " + std::to_string(d.timeout_ms) + " ms limit";
        job.done(std::move(result));

        lock.lock();
        --busy_;
        if (queue_.empty() && busy_ == 0) idle_cv_.notify_all();
    }
    // Stopping: whatever is still queued is answered, so nothing waits forever.
    while (stopping_ && !queue_.empty()) {
        Job job = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        job.done(callbacks::DeliveryResult{0, "the callback sender stopped before sending", 0});
        lock.lock();
    }
    --workers_;
    idle_cv_.notify_all();
}

}  // namespace rtc
