// The thin HTTP layer: cpp-httplib in front of MockService. API requests on `/`, admin routes on `/_mock/`.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "core/service.h"
#include "http/server_options.h"

namespace httplib {
class Server;
}

namespace rtc {

class EventStreams;

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

}  // namespace rtc
