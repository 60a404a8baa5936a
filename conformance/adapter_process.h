// Runs the client's adapter command (docs/conformance.md "Writing an adapter"): `sh -c COMMAND` with the
// given environment, one JSON request on stdin, its stdout read until it exits or the deadline passes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc::conformance {

struct AdapterRun {
    bool started = false;
    bool timed_out = false;
    int exit_code = -1;
    std::string out;
    std::string err;  // the last few KB of stderr, for the report
    std::int64_t elapsed_ms = 0;
};

AdapterRun run_adapter(const std::string& command, const std::map<std::string, std::string>& env,
                       const std::string& input, std::int64_t deadline_ms);

// What the adapter's answer says the client made of the call.
enum class Outcome {
    Success,      // {"HttpStatus":N,"Body":...,"Error":null}
    Error,        // {"HttpStatus":N,"Body":...,"Error":{"Code","Message"}}
    ClientError,  // {"ClientError":"..."}
    Invalid,      // no answer, or not one of those
};
// "success", "error", "client_error", "invalid": the names of the JSON report and of a reports check.
const char* to_string(Outcome outcome);
std::optional<Outcome> outcome_from(const std::string& name);

// What the client reported, from the adapter's last non-empty stdout line.
struct ClientReport {
    Outcome outcome = Outcome::Invalid;
    std::string code;     // Error.Code when outcome is Error
    std::string message;  // ClientError text, Error.Message, or why the output is invalid
    int http_status = 0;
    nlohmann::json raw;
};

ClientReport parse_report(const AdapterRun& run);

// A long-running adapter (callback mode): started in its own process group, stopped with SIGTERM.
class AdapterServer {
  public:
    AdapterServer() = default;
    ~AdapterServer();
    AdapterServer(const AdapterServer&) = delete;
    AdapterServer& operator=(const AdapterServer&) = delete;
    bool start(const std::string& command, const std::map<std::string, std::string>& env);
    void stop();
    bool running() const { return pid_ > 0; }
    // The process (`sh -c COMMAND`, the leader of its group), while it runs.
    int pid() const { return pid_; }
    // True once it has exited, and reaps it (running() is false after that).
    bool reap();
    // Its exit status, once reap() saw it exit (-1: killed by a signal).
    int exit_code() const { return exit_code_; }

  private:
    int pid_ = -1;
    int exit_code_ = -1;
};

}  // namespace rtc::conformance
