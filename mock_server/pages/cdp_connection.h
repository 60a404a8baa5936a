// The Chrome DevTools Protocol over `--remote-debugging-pipe`: JSON messages ended by a NUL byte, commands on
// the browser's fd 3, answers and events on its fd 4. One reader thread, one writer thread, a deadline on
// every call; flat sessions (a command for a page carries its sessionId).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

namespace rtc::pages {

enum class CdpFailure {
    Answered,  // the browser answered with an error
    Timeout,   // no answer within the deadline
    Closed,    // the connection is gone (the browser exited or stop() was called)
};

class CdpError : public std::runtime_error {
  public:
    CdpError(CdpFailure kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    CdpFailure kind() const { return kind_; }

  private:
    CdpFailure kind_;
};

class CdpConnection {
  public:
    // An event (a message without "id"); `session` is "" for the browser's own events. Runs on the reader
    // thread: keep it short and never call stop() from it.
    using EventHandler = std::function<void(const std::string& session, const std::string& method,
                                            const nlohmann::json& params)>;
    // The browser closed its end (it exited or crashed); not called after stop().
    using ClosedHandler = std::function<void(const std::string& why)>;
    // `done` of call_async: the answer's "result", or a CdpError.
    using Done = std::function<void(const nlohmann::json* result, const CdpError* error)>;

    // Takes ownership of both descriptors.
    CdpConnection(int to_browser_fd, int from_browser_fd, EventHandler on_event, ClosedHandler on_closed);
    ~CdpConnection();
    CdpConnection(const CdpConnection&) = delete;
    CdpConnection& operator=(const CdpConnection&) = delete;

    // Sends a command and waits for its answer; throws CdpError.
    nlohmann::json call(const std::string& method, const nlohmann::json& params, const std::string& session,
                        std::int64_t timeout_ms);
    // Sends a command without waiting; `done` runs once, on the reader thread (or on this one when the
    // connection is already closed), when the answer comes, the deadline passes or the connection closes.
    void call_async(const std::string& method, const nlohmann::json& params, const std::string& session,
                    std::int64_t timeout_ms, Done done);
    bool closed() const { return closed_.load(); }
    // Ends both threads; pending calls fail as Closed. Idempotent.
    void stop();

  private:
    struct Pending {
        std::int64_t deadline_ns = 0;
        std::int64_t timeout_ms = 0;
        std::string method;
        Done done;
    };

    void reader_loop();
    void writer_loop();
    void dispatch(const std::string& text);
    void close_all(const std::string& why);
    void sweep_expired();

    int to_fd_;
    int from_fd_;
    int wake_[2] = {-1, -1};  // wakes both threads on stop()
    EventHandler on_event_;
    ClosedHandler on_closed_;
    const bool trace_;  // RTC_CDP_TRACE set: every message, clipped, on stderr (debugging a page)

    std::atomic<bool> closed_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> next_id_{1};
    std::mutex mu_;
    std::condition_variable out_cv_;
    std::deque<std::string> outgoing_;
    std::map<std::uint64_t, Pending> pending_;
    std::string close_reason_;
    std::thread reader_;
    std::thread writer_;
};

}  // namespace rtc::pages
