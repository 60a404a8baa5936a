#include "http_conn.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace rtcbench {

bool parse_url(const std::string& url, Endpoint& out, std::string& error) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) {
        error = "the URL must start with http:// (got \"" + url + "\")";
        return false;
    }
    std::string rest = url.substr(scheme.size());
    auto slash = rest.find('/');
    std::string hostport = rest.substr(0, slash);
    out.path = slash == std::string::npos ? "/" : rest.substr(slash);
    if (auto q = out.path.find('?'); q != std::string::npos) out.path = out.path.substr(0, q);
    out.host_header = hostport;
    std::string host = hostport;
    out.port = 80;
    if (!hostport.empty() && hostport[0] == '[') {
        auto close = hostport.find(']');
        if (close == std::string::npos) {
            error = "bad IPv6 address in \"" + url + "\"";
            return false;
        }
        host = hostport.substr(1, close - 1);
        if (close + 1 < hostport.size() && hostport[close + 1] == ':')
            out.port = std::atoi(hostport.c_str() + close + 2);
    } else if (auto colon = hostport.rfind(':'); colon != std::string::npos) {
        host = hostport.substr(0, colon);
        out.port = std::atoi(hostport.c_str() + colon + 1);
    }
    if (host.empty() || out.port <= 0 || out.port > 65535) {
        error = "no host or a bad port in \"" + url + "\"";
        return false;
    }
    out.host = host;
    return true;
}

HttpConn::~HttpConn() {
    close_now();
}

void HttpConn::close_now() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buf_.clear();
    pos_ = 0;
}

bool HttpConn::connect_now(std::string& error) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (getaddrinfo(ep_.host.c_str(), std::to_string(ep_.port).c_str(), &hints, &res) != 0 || !res) {
        error = "connect";
        return false;
    }
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        timeval tv{timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            fd_ = fd;
            break;
        }
        ::close(fd);
    }
    freeaddrinfo(res);
    if (fd_ < 0) {
        error = "connect";
        return false;
    }
    ++connects_;
    return true;
}

bool HttpConn::fill(std::string& error) {
    if (pos_ > 0 && pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    }
    char tmp[16384];
    for (;;) {
        ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
        if (n > 0) {
            buf_.append(tmp, static_cast<std::size_t>(n));
            return true;
        }
        if (n == 0) {
            error = "closed";
            return false;
        }
        if (errno == EINTR) continue;
        error = (errno == EAGAIN || errno == EWOULDBLOCK) ? "timeout" : "recv";
        return false;
    }
}

namespace {
bool header_is(const char* line, std::size_t len, const char* name) {
    std::size_t n = std::strlen(name);
    return len > n && line[n] == ':' && strncasecmp(line, name, n) == 0;
}
std::string header_value(const char* line, std::size_t len, std::size_t name_len) {
    std::size_t i = name_len + 1;
    while (i < len && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t j = len;
    while (j > i && (line[j - 1] == ' ' || line[j - 1] == '\t')) --j;
    return std::string(line + i, j - i);
}
}  // namespace

bool HttpConn::read_response(HttpResponse& out, std::string& error) {
    std::size_t head_end;
    while ((head_end = buf_.find("\r\n\r\n", pos_)) == std::string::npos)
        if (!fill(error)) return false;
    const char* p = buf_.data() + pos_;
    const char* end = buf_.data() + head_end;
    // Status line: HTTP/1.1 200 OK
    const char* eol = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(end - p) + 1));
    if (!eol || eol - p < 12 || std::strncmp(p, "HTTP/1.", 7) != 0) {
        error = "parse";
        return false;
    }
    out.status = std::atoi(p + 9);
    long long content_length = -1;
    bool chunked = false;
    out.close = p[7] == '0';  // HTTP/1.0 closes unless told otherwise
    p = eol + 2;
    while (p < end) {
        const char* e = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(end - p)));
        if (!e) e = end;
        auto len = static_cast<std::size_t>(e - p);
        if (header_is(p, len, "content-length")) {
            content_length = std::atoll(header_value(p, len, 14).c_str());
        } else if (header_is(p, len, "transfer-encoding")) {
            chunked = strcasestr(header_value(p, len, 17).c_str(), "chunked") != nullptr;
        } else if (header_is(p, len, "connection")) {
            std::string v = header_value(p, len, 10);
            out.close = strcasecmp(v.c_str(), "close") == 0;
        }
        p = e + 2;
    }
    pos_ = head_end + 4;
    out.body.clear();
    if (chunked) {
        for (;;) {
            std::size_t line_end;
            while ((line_end = buf_.find("\r\n", pos_)) == std::string::npos)
                if (!fill(error)) return false;
            std::size_t size = std::strtoul(buf_.c_str() + pos_, nullptr, 16);
            pos_ = line_end + 2;
            while (buf_.size() - pos_ < size + 2)
                if (!fill(error)) return false;
            out.body.append(buf_, pos_, size);
            pos_ += size + 2;
            if (size == 0) break;  // (trailers are not supported: none of the targets sends them)
        }
    } else if (content_length >= 0) {
        while (buf_.size() - pos_ < static_cast<std::size_t>(content_length))
            if (!fill(error)) return false;
        out.body.assign(buf_, pos_, static_cast<std::size_t>(content_length));
        pos_ += static_cast<std::size_t>(content_length);
    } else {
        // Body until the server closes.
        std::string ignored;
        while (fill(ignored)) {
        }
        out.body.assign(buf_, pos_, std::string::npos);
        pos_ = buf_.size();
        out.close = true;
    }
    if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    }
    return true;
}

bool HttpConn::roundtrip(const std::string& request, HttpResponse& out, std::string& error) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool fresh = fd_ < 0;
        if (fresh && !connect_now(error)) return false;
        std::size_t sent = 0;
        bool send_ok = true;
        while (sent < request.size()) {
            ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                send_ok = false;
                break;
            }
            sent += static_cast<std::size_t>(n);
        }
        if (send_ok && read_response(out, error)) {
            if (out.close) close_now();
            return true;
        }
        if (!send_ok) error = "send";
        close_now();
        // A keep-alive connection the server closed while idle: retry once on a fresh one.
        if (fresh || error == "timeout") return false;
    }
    return false;
}

}  // namespace rtcbench
