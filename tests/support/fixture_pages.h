// Serves fixtures/pages/ on a loopback port for the real-page tests (cpp-httplib, its own thread), and takes
// callbacks on POST /callback (answered 200).
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace rtc::test {

class FixturePages {
  public:
    FixturePages() {
        server_.set_mount_point("/", std::string(RTC_SOURCE_DIR) + "/fixtures/pages");
        // A callback receiver that takes everything (tests read the deliveries from the mock's journal).
        server_.Post("/callback", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("ok", "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() is a no-op until the listener runs.
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FixturePages() {
        server_.stop();
        thread_.join();
    }
    FixturePages(const FixturePages&) = delete;
    FixturePages& operator=(const FixturePages&) = delete;

    // "lively.html" -> http://127.0.0.1:PORT/lively.html
    std::string url(const std::string& page) const {
        return "http://127.0.0.1:" + std::to_string(port_) + "/" + page;
    }
    int port() const { return port_; }

  private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace rtc::test
