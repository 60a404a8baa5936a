#include "http/connection_abort.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace rtc {

namespace {

bool endpoint(const sockaddr_storage& sa, socklen_t len, std::string& host, int& port) {
    char h[NI_MAXHOST], p[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&sa), len, h, sizeof(h), p, sizeof(p),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return false;
    host = h;
    port = std::atoi(p);
    return true;
}

// Calls fn(fd, local port, peer host, peer port) for each connected socket of the process until it returns
// false. cpp-httplib 0.11 never hands out its sockets, so /proc/self/fd is the only list there is.
template <typename Fn>
void each_connection(Fn fn) {
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) return;
    while (dirent* d = readdir(dir)) {
        char* end = nullptr;
        long fd = std::strtol(d->d_name, &end, 10);
        if (*end != '\0' || end == d->d_name || fd == dirfd(dir)) continue;
        sockaddr_storage local{}, peer{};
        socklen_t llen = sizeof(local), plen = sizeof(peer);
        if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &llen) != 0) continue;
        if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &plen) != 0) continue;
        std::string lhost, phost;
        int lport = -1, pport = -1;
        if (!endpoint(local, llen, lhost, lport) || !endpoint(peer, plen, phost, pport)) continue;
        if (!fn(static_cast<int>(fd), lport, phost, pport)) break;
    }
    closedir(dir);
}

// The descriptor of the connected socket with this local port and this peer, or -1.
int find_socket(int local_port, const std::string& remote_addr, int remote_port) {
    int found = -1;
    each_connection([&](int fd, int lport, const std::string& phost, int pport) {
        if (lport == local_port && pport == remote_port && phost == remote_addr) found = fd;
        return found < 0;
    });
    return found;
}

}  // namespace

bool abort_connection(const httplib::Request& req, bool reset) {
    const int fd = find_socket(req.local_port, req.remote_addr, req.remote_port);
    if (fd < 0) return false;
    if (reset) {
        linger l{1, 0};  // close() then sends an RST and discards unsent data
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    }
    const int blank = socket(AF_INET, SOCK_STREAM, 0);
    if (blank < 0) {
        shutdown(fd, SHUT_RDWR);  // at least no answer reaches the client
        return true;
    }
    dup2(blank, fd);  // closes the connection's socket (its last reference) atomically
    close(blank);
    return true;
}

bool shutdown_connection(int local_port, const std::string& remote_addr, int remote_port) {
    const int fd = find_socket(local_port, remote_addr, remote_port);
    return fd >= 0 && shutdown(fd, SHUT_RDWR) == 0;
}

int shutdown_connections(int local_port) {
    int n = 0;
    each_connection([&](int fd, int lport, const std::string&, int) {
        if (lport == local_port && shutdown(fd, SHUT_RDWR) == 0) ++n;
        return true;
    });
    return n;
}

}  // namespace rtc
