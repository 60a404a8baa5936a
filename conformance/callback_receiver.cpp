#include "conformance/callback_receiver.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "conformance/port_listener.h"

namespace rtc::conformance {

namespace {

// Starts on as many ports: a port taken twice in a row is already unlikely.
const int kStarts = 5;
// Checks that it listens, 100 ms apart: 10 s per start.
const int kPolls = 100;

sockaddr_in loopback(int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    return addr;
}

// A loopback port no socket uses at this moment: a candidate only, anyone may bind it next.
int unused_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = loopback(0);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = loopback(port);
    const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return up;
}

}  // namespace

CallbackReceiver::CallbackReceiver(std::string client, std::map<std::string, std::string> env,
                                   PortChooser choose)
    : client_(std::move(client)),
      env_(std::move(env)),
      choose_(choose ? std::move(choose) : PortChooser(unused_loopback_port)) {}

CallbackReceiver::Wait CallbackReceiver::wait_listening() {
    for (int i = 0; i < kPolls; ++i) {
        if (server_.reap()) return Wait::Exited;
        switch (port_listener(port_, server_.pid())) {
            case PortListener::Process:
                return Wait::Listening;
            case PortListener::Other:
                return Wait::PortTaken;
            case PortListener::Unknown:
                // /proc cannot tell whose socket it is: a connection is all there is to go by.
                if (accepts_connections(port_)) return Wait::Listening;
                break;
            case PortListener::None:
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return Wait::TimedOut;
}

const std::string& CallbackReceiver::ensure_started() {
    if (tried_) return problem_;
    tried_ = true;
    for (int start = 1; start <= kStarts; ++start) {
        port_ = choose_();
        const std::string cmd = client_ + " --serve-callbacks " + std::to_string(port_);
        const std::string where = "127.0.0.1:" + std::to_string(port_);
        if (!server_.start(cmd, env_)) {
            problem_ = "could not start `" + cmd + "`";
            return problem_;
        }
        const Wait w = wait_listening();
        if (w == Wait::Listening) {
            problem_.clear();
            return problem_;
        }
        server_.stop();
        if (w == Wait::TimedOut) {
            problem_ = "`" + cmd + "` did not accept connections on " + where + " within 10 s";
            return problem_;
        }
        // The port may have been taken between the harness choosing it and the adapter binding it: again,
        // on another port.
        problem_ = w == Wait::Exited
                       ? "`" + cmd + "` exited (status " + std::to_string(server_.exit_code()) +
                             ") before accepting connections on " + where
                       : "another program listens on " + where + ", the port given to `" + cmd + "`";
    }
    problem_ += " (" + std::to_string(kStarts) + " ports tried)";
    return problem_;
}

}  // namespace rtc::conformance
