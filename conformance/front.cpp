#include "conformance/front.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

#include "core/clock.h"
#include "core/enum_names.h"

namespace rtc::conformance {

namespace {

constexpr EnumName<AnswerKind> kAnswerKinds[] = {{AnswerKind::None, ""},
                                                 {AnswerKind::Scripted, "scripted"},
                                                 {AnswerKind::Mock, "mock"},
                                                 {AnswerKind::Drop, "drop"},
                                                 {AnswerKind::Stall, "stall"}};

const std::size_t kMaxRequestBytes = 4 << 20;

bool send_all(int fd, const std::string& data) {
    std::size_t off = 0;
    while (off < data.size()) {
        ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

// Reads more bytes into buf; false on EOF, error or timeout.
bool read_more(int fd, std::string& buf) {
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
    return buf.size() <= kMaxRequestBytes;
}

// Decodes a chunked body in `raw`; false until it is complete.
bool dechunk(const std::string& raw, std::string& out) {
    out.clear();
    std::size_t pos = 0;
    for (;;) {
        std::size_t eol = raw.find("\r\n", pos);
        if (eol == std::string::npos) return false;
        std::size_t size = std::strtoul(raw.substr(pos, eol - pos).c_str(), nullptr, 16);
        pos = eol + 2;
        if (size == 0) return true;
        if (raw.size() < pos + size + 2) return false;
        out.append(raw, pos, size);
        pos += size + 2;
    }
}

// Reads one HTTP/1.1 request. False when the client closed or sent garbage.
bool read_request(int fd, ApiRequest& req) {
    std::string buf;
    std::size_t head_end;
    while ((head_end = buf.find("\r\n\r\n")) == std::string::npos)
        if (!read_more(fd, buf)) return false;
    const std::string head = buf.substr(0, head_end);
    std::string rest = buf.substr(head_end + 4);
    std::size_t line_end = head.find("\r\n");
    const std::string first = head.substr(0, line_end);
    std::size_t sp1 = first.find(' '), sp2 = first.rfind(' ');
    if (sp1 == std::string::npos || sp2 == sp1) return false;
    req.method = first.substr(0, sp1);
    std::string target = first.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.raw_query = q == std::string::npos ? "" : target.substr(q + 1);
    std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
        std::size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        std::string line = head.substr(pos, e - pos);
        std::size_t colon = line.find(':');
        if (colon != std::string::npos)
            req.headers.push_back({line.substr(0, colon), trim(line.substr(colon + 1))});
        pos = e + 2;
    }
    const std::string* te = req.header("Transfer-Encoding");
    if (te && to_lower(*te).find("chunked") != std::string::npos) {
        while (!dechunk(rest, req.body))
            if (!read_more(fd, rest)) return false;
        return true;
    }
    const std::string* cl = req.header("Content-Length");
    std::size_t length = cl ? std::strtoul(cl->c_str(), nullptr, 10) : 0;
    if (length > kMaxRequestBytes) return false;
    while (rest.size() < length)
        if (!read_more(fd, rest)) return false;
    req.body = rest.substr(0, length);
    return true;
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 413:
            return "Payload Too Large";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

}  // namespace

const char* to_string(AnswerKind kind) {
    return name_of(kAnswerKinds, kind);
}

Front::~Front() {
    stop();
}

int Front::start() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) throw std::runtime_error("front: cannot create a socket");
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 128) != 0)
        throw std::runtime_error("front: cannot listen on 127.0.0.1");
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    running_ = true;
    acceptor_ = std::thread([this] { accept_loop(); });
    return ntohs(addr.sin_port);
}

void Front::stop() {
    if (!running_.exchange(false)) return;
    next_scenario();
    if (acceptor_.joinable()) acceptor_.join();
    ::close(listen_fd_);
    next_scenario();
}

void Front::set_responder(Responder r) {
    std::lock_guard<std::mutex> lock(mu_);
    responder_ = std::move(r);
}

void Front::next_scenario() {
    std::vector<std::thread> done;
    {
        std::lock_guard<std::mutex> lock(mu_);
        ++generation_;
        done.swap(workers_);
    }
    cv_.notify_all();
    for (auto& t : done) t.join();
    std::lock_guard<std::mutex> lock(mu_);
    attempts_.clear();
}

std::vector<Attempt> Front::attempts() const {
    std::lock_guard<std::mutex> lock(mu_);
    return attempts_;
}

bool Front::wait_released(std::int64_t ms) {
    std::unique_lock<std::mutex> lock(mu_);
    const std::uint64_t gen = generation_;
    return cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return generation_ != gen; });
}

void Front::accept_loop() {
    while (running_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int fd = ::accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) continue;
        std::lock_guard<std::mutex> lock(mu_);
        workers_.emplace_back([this, fd] { serve(fd); });
    }
}

void Front::serve(int fd) {
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // One request per connection: every answer says Connection: close, so each attempt is one connection.
    Attempt attempt;
    if (!read_request(fd, attempt.request)) {
        ::close(fd);
        return;
    }
    attempt.arrived_ns = steady_now_ns();
    attempt.wall_ms = clock_.now_ms();
    attempt.request.remote_addr = "127.0.0.1";
    Responder responder;
    {
        std::lock_guard<std::mutex> lock(mu_);
        responder = responder_;
    }
    Answer answer;
    if (responder) {
        answer = responder(attempt);
    } else {
        answer.status = 503;
        answer.body = "no scenario is running";
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        attempts_.push_back(attempt);
    }
    if (answer.reply == Reply::Stall) {
        wait_released(answer.stall_ms);
        ::close(fd);
        return;
    }
    if (answer.delay_ms > 0 && wait_released(answer.delay_ms)) {
        ::close(fd);
        return;
    }
    if (answer.reply == Reply::Drop) {
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
        return;
    }
    std::string out =
        "HTTP/1.1 " + std::to_string(answer.status) + " " + reason_phrase(answer.status) + "\r\n";
    bool has_type = false;
    for (const auto& h : answer.headers) {
        if (iequals(h.name, "Content-Type")) has_type = true;
        out += h.name + ": " + h.value + "\r\n";
    }
    if (!has_type) out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + std::to_string(answer.body.size()) + "\r\nConnection: close\r\n\r\n";
    out += answer.body;
    send_all(fd, out);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
}

}  // namespace rtc::conformance
