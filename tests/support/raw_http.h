// Raw loopback sockets for the tests that must send what no HTTP client library would (broken framing,
// half-sent requests) or watch how a connection ends. Never half-close after sending: cpp-httplib 0.11 drops
// the answer to a peer whose side of the connection already says EOF.
#pragma once

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc::test {

// A connected socket to 127.0.0.1:port whose reads give up after `recv_timeout_s`; -1 if connect fails.
inline int connect_loopback(int port, int recv_timeout_s = 5) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        close(fd);
        return -1;
    }
    timeval tv{recv_timeout_s, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

inline bool send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// One HTTP/1.1 response read off a raw socket: the status line, the headers and a Content-Length body.
struct RawResponse {
    std::string outcome;  // "answer", "eof" (closed before a full response), "reset", "timeout"
    int status = 0;
    std::string head;
    std::string body;
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

inline RawResponse read_response(int fd) {
    RawResponse r;
    std::string data;
    char buf[4096];
    std::size_t body_at = std::string::npos, length = 0;
    for (;;) {
        if (body_at == std::string::npos) {
            auto end = data.find("\r\n\r\n");
            if (end != std::string::npos) {
                body_at = end + 4;
                r.head = data.substr(0, end);
                if (r.head.rfind("HTTP/1.1 ", 0) == 0) r.status = std::atoi(r.head.c_str() + 9);
                auto cl = r.head.find("Content-Length: ");
                if (cl != std::string::npos) length = std::strtoull(r.head.c_str() + cl + 16, nullptr, 10);
            }
        }
        if (body_at != std::string::npos && data.size() >= body_at + length) {
            r.body = data.substr(body_at, length);
            r.outcome = "answer";
            return r;
        }
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n > 0) {
            data.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n == 0)
            r.outcome = "eof";
        else if (errno == ECONNRESET)
            r.outcome = "reset";
        else if (errno == EAGAIN || errno == EWOULDBLOCK)
            r.outcome = "timeout";
        else
            r.outcome = "error";
        return r;
    }
}

// Connects, sends `bytes` and reads one response.
inline RawResponse raw_exchange(int port, const std::string& bytes, int recv_timeout_s = 5) {
    int fd = connect_loopback(port, recv_timeout_s);
    if (fd < 0) return {"connect failed", 0, "", ""};
    RawResponse r = send_all(fd, bytes) ? read_response(fd) : RawResponse{"send failed", 0, "", ""};
    close(fd);
    return r;
}

// The answer to a bad request: a 4xx carrying the API's error envelope (CodeN only on gateway errors).
inline void require_4xx_envelope(const std::string& what, const RawResponse& r) {
    INFO(what << "\noutcome: " << r.outcome << "\nhead: " << r.head << "\nbody: " << r.body.substr(0, 300));
    REQUIRE(r.outcome == "answer");
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    auto body = r.json();  // not const: operator[] on a missing key then reads null, not undefined behaviour
    REQUIRE(body.is_object());
    auto& md = body["ResponseMetadata"];
    REQUIRE(md["RequestId"].is_string());
    REQUIRE(md["Error"]["Code"].is_string());
    REQUIRE(md["Error"]["Message"].is_string());
    if (md["Error"].contains("CodeN")) REQUIRE(md["Error"]["CodeN"].is_number());
}

}  // namespace rtc::test
