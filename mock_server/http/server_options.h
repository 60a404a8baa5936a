// How the HTTP layer serves (the flags of rtc-mock that are its own) and logs: what the server and every
// route set read, below all of them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace rtc {

// The lines the HTTP layer logs on stderr: text, or one JSON object per line (--log-format).
enum class LogFormat { Text, Json };
std::optional<LogFormat> log_format_from(const std::string& name);

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    // Most connections served at once: cpp-httplib holds a worker per keep-alive connection. Workers are
    // started as connections arrive, so an idle mock stays small.
    int threads = 512;
    std::string admin_token;
    bool verbose = false;
    LogFormat log_format = LogFormat::Text;
    // Larger request bodies are answered BodyTooLarge in the API's envelope (Limits.MaxBodyBytes).
    std::size_t max_body_bytes = 1 << 20;
    // Most inspector event streams open at once (GET /_mock/events); each holds a worker.
    int event_streams = 4;
};

// The logger of the HTTP layer: one line per event on stderr, as text or JSON (--log-format).
void log_event(const ServerOptions& options, const std::string& level, const std::string& message);

}  // namespace rtc
