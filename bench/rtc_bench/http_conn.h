// A minimal blocking HTTP/1.1 keep-alive client connection over a raw socket, for the load generator: one
// per connection thread, no allocation per request beyond the response body, TCP_NODELAY. It reads
// Content-Length and chunked bodies, and reconnects after the server closes or an error.
#pragma once

#include <string>

namespace rtcbench {

struct Endpoint {
    std::string host = "127.0.0.1";
    int port = 80;
    std::string path = "/";
    std::string host_header;  // host[:port] as sent in Host and signed
};

// Parses http://host[:port][/path]; false with `error` on anything else (https is not supported).
bool parse_url(const std::string& url, Endpoint& out, std::string& error);

struct HttpResponse {
    int status = 0;
    std::string body;
    bool close = false;  // the server said Connection: close
};

class HttpConn {
  public:
    HttpConn(Endpoint ep, int timeout_ms) : ep_(std::move(ep)), timeout_ms_(timeout_ms) {}
    ~HttpConn();
    HttpConn(const HttpConn&) = delete;
    HttpConn& operator=(const HttpConn&) = delete;

    // Sends one complete request and reads its response. False with `error` ("connect", "send", "recv",
    // "timeout", "parse", "closed") on failure; the connection is then reopened by the next call.
    bool roundtrip(const std::string& request, HttpResponse& out, std::string& error);
    int reconnects() const { return connects_ > 0 ? connects_ - 1 : 0; }

  private:
    bool connect_now(std::string& error);
    void close_now();
    // Reads more bytes into buf_; false on error/EOF.
    bool fill(std::string& error);
    bool read_response(HttpResponse& out, std::string& error);

    Endpoint ep_;
    int timeout_ms_;
    int fd_ = -1;
    int connects_ = 0;
    std::string buf_;
    std::size_t pos_ = 0;  // start of unread bytes in buf_
};

}  // namespace rtcbench
