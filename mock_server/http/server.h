// The thin HTTP layer: cpp-httplib in front of MockService. API requests on `/`, admin routes on `/_mock/`.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "core/service.h"

namespace httplib {
class Server;
}

namespace rtc {

class EventStreams;

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

class HttpServer {
  public:
    HttpServer(MockService& service, ServerOptions options);
    ~HttpServer();
    // Binds; returns the bound port (options.port 0 picks a free one). Throws std::runtime_error on failure.
    int bind();
    // Serves until stop(); returns when the listener has closed and requests in flight have finished.
    void serve();
    // Stops accepting; once no request is in flight, also ends the idle keep-alive connections (each would
    // otherwise hold shutdown for the keep-alive timeout). Safe to call again until serve() has returned.
    void stop();

  private:
    void install_routes();
    MockService& service_;
    ServerOptions options_;
    std::unique_ptr<httplib::Server> server_;
    std::unique_ptr<EventStreams> streams_;
    int listen_socket_ = -1;
    int port_ = -1;
    std::atomic<int> in_flight_{0};  // requests read and not yet answered

  public:
    // Public so the bare benchmark server (bench/bare_server.cpp) listens exactly as the mock does.
    static constexpr int kListenBacklog = 1024;
};

// The logger of the HTTP layer: one line per event on stderr, as text or JSON (--log-format).
void log_event(const ServerOptions& options, const std::string& level, const std::string& message);

}  // namespace rtc
