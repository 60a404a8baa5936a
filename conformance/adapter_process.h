// Runs the client's adapter command (docs/conformance.md "Writing an adapter"): `sh -c COMMAND` with the
// given environment, one JSON request on stdin, its stdout read until it exits or the deadline passes.
#pragma once

#include <cstdint>
#include <map>
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

// What the client reported, from the adapter's last non-empty stdout line.
struct ClientReport {
    std::string outcome;  // "success", "error", "client_error", "invalid"
    std::string code;     // Error.Code when outcome == "error"
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

  private:
    int pid_ = -1;
};

}  // namespace rtc::conformance
