// The scenario front: the HTTP endpoint the client under test talks to. It reads every attempt off the wire
// (its own small socket server, so it can also drop a connection or hold an answer), records it with its
// arrival time, and answers what the scenario scripts, or what the mock answers.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/request.h"
#include "core/signing/verifier.h"

namespace rtc::conformance {

// How the front answers one attempt.
struct Answer {
    int status = 200;
    std::vector<Header> headers;
    std::string body;
    std::int64_t delay_ms = 0;  // hold the answer back this long
    bool drop = false;          // close the connection without answering
    std::int64_t stall_ms = 0;  // never answer; close after this long (or when the scenario ends)
};

// One request as it arrived, with the verdicts and the answer.
struct Attempt {
    std::int64_t arrived_ns = 0;  // monotonic, for gaps
    std::int64_t wall_ms = 0;     // the harness clock at arrival, for X-Date checks
    std::string call_key;         // which call of the scenario it belongs to
    ApiRequest request;
    signing::SignatureVerdict verdict = signing::SignatureVerdict::Unsigned;
    std::string verdict_code;
    std::string verdict_message;
    std::string canonical_request;  // the server's, on a mismatch
    std::string answer_kind;        // "scripted", "mock", "drop", "stall"
    int status = 0;                 // answered HTTP status (0: none)
    std::string answer_code;        // Error.Code answered ("" for success)
    int retry_after_s = 0;
};

class Front {
  public:
    // Called once per attempt, after the request is read; fills the attempt's verdict and returns the answer.
    using Responder = std::function<Answer(Attempt&)>;

    explicit Front(const Clock& clock) : clock_(clock) {}
    ~Front();
    Front(const Front&) = delete;
    Front& operator=(const Front&) = delete;

    // Binds 127.0.0.1 on a free port and starts accepting; returns the port.
    int start();
    void stop();
    void set_responder(Responder r);
    // Clears the attempts and releases every held answer (the scenario is over).
    void next_scenario();
    std::vector<Attempt> attempts() const;

  private:
    void accept_loop();
    void serve(int fd);
    bool wait_released(std::int64_t ms);

    const Clock& clock_;
    int listen_fd_ = -1;
    std::atomic<bool> running_{false};
    std::thread acceptor_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::uint64_t generation_ = 0;
    std::vector<std::thread> workers_;
    std::vector<Attempt> attempts_;
    Responder responder_;
};

}  // namespace rtc::conformance
