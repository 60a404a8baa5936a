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

// What the front does with an attempt: answer it, close the connection without answering, or hold it.
enum class Reply { Send, Drop, Stall };

// How the front answers one attempt.
struct Answer {
    Reply reply = Reply::Send;
    int status = 200;
    std::vector<Header> headers;
    std::string body;
    std::int64_t delay_ms = 0;  // Send and Drop: hold the answer back this long
    std::int64_t stall_ms = 0;  // Stall: close after this long (or when the scenario ends)
};

// Who answered an attempt, and how: the JSON report's "Answer" of an attempt.
enum class AnswerKind {
    None,      // no scenario was running (the front answered 503)
    Scripted,  // a scripted step
    Mock,      // forwarded to the mock
    Drop,      // a scripted dropped connection
    Stall,     // a scripted stall
};
// "", "scripted", "mock", "drop", "stall".
const char* to_string(AnswerKind kind);

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
    AnswerKind answer_kind = AnswerKind::None;
    int status = 0;           // answered HTTP status (0: none)
    std::string answer_code;  // Error.Code answered ("" for success)
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
