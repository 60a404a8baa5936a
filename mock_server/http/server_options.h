// How the HTTP layer serves (the flags of rtc-mock that are its own) and logs: what the server and every
// route set read, below all of them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace rtc {

// The lines the HTTP layer logs: text on stderr, or one JSON object per line on stdout after the listening
// line (--log-format).
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

// The logger of the HTTP layer: one line per event, as text on stderr or JSON on stdout (--log-format). A
// JSON line logged before the listening line goes to stderr, so that line stays the first on stdout.
void log_event(const ServerOptions& options, const std::string& level, const std::string& message);
// Prints `listening on URL` as the first line on stdout (the contract scripts wait for) and flushes it.
void announce_listening(const std::string& url);

}  // namespace rtc
