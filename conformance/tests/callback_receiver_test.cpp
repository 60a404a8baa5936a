// Starting the adapter's webhook receiver on a port the harness cannot hold for it: the harness trusts the
// port only when the adapter's own processes listen there, and otherwise starts it again on another port.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "conformance/adapter_process.h"
#include "conformance/callback_receiver.h"
#include "conformance/port_listener.h"

using namespace rtc::conformance;

namespace {

// A loopback socket of this process bound to a port of the kernel's choice, listening or not.
struct HeldPort {
    int fd = -1;
    int port = 0;
    explicit HeldPort(bool listen) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        if (listen) REQUIRE(::listen(fd, 4) == 0);
        socklen_t len = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
        port = ntohs(addr.sin_port);
    }
    ~HeldPort() { ::close(fd); }
};

// Another program listening on a loopback port: a reference client's receiver, started apart from the
// receiver under test (a socket of this test process would also be its children's until they exec).
struct Stranger {
    AdapterServer server;
    int port = HeldPort(false).port;
    Stranger() {
        REQUIRE(server.start(std::string(RTC_REFERENCE_CLIENT) + " --serve-callbacks " + std::to_string(port),
                             {{"RTC_CALLBACK_SECRET", "s"}}));
        for (int i = 0; i < 100 && port_listener(port, server.pid()) != PortListener::Process; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE(port_listener(port, server.pid()) == PortListener::Process);
    }
};

// No process has this id (above the kernel's largest pid_max).
const int kNoProcess = 0x7ffffff0;

}  // namespace

TEST_CASE("a port that is bound but not listened on has no listener", "[receiver]") {
    HeldPort held(false);
    CHECK(port_listener(held.port, ::getpid()) == PortListener::None);
}

TEST_CASE("a port this process listens on belongs to this process and is another program's for anyone else",
          "[receiver]") {
    HeldPort held(true);
    CHECK(port_listener(held.port, ::getpid()) == PortListener::Process);
    CHECK(port_listener(held.port, kNoProcess) == PortListener::Other);
}

TEST_CASE("a receiver whose port another program took is started again on another port", "[receiver]") {
    Stranger taken;
    int starts = 0;
    CallbackReceiver receiver(RTC_REFERENCE_CLIENT, {{"RTC_CALLBACK_SECRET", "s"}}, [&] {
        // The first port is taken; then one that was free a moment ago.
        return ++starts == 1 ? taken.port : HeldPort(false).port;
    });
    CHECK(receiver.ensure_started() == "");
    CHECK(starts == 2);
    CHECK(receiver.port() != taken.port);
    CHECK(port_listener(receiver.port(), ::getpid()) == PortListener::Process);
    receiver.stop();
}

TEST_CASE("a receiver that never gets a port of its own gives up and names the program in the way",
          "[receiver]") {
    Stranger taken;
    // Never listens and never exits: only the port's other listener can tell the harness to move on.
    CallbackReceiver receiver("sleep 30;", {}, [&] { return taken.port; });
    const std::string problem = receiver.ensure_started();
    CHECK(problem.find("another program listens on 127.0.0.1:" + std::to_string(taken.port)) !=
          std::string::npos);
    CHECK(problem.find("(5 ports tried)") != std::string::npos);
    CHECK(receiver.ensure_started() == problem);
}

TEST_CASE("an adapter that exits before it listens is reported with its exit status", "[receiver]") {
    CallbackReceiver receiver("exit 3;", {});
    CHECK(receiver.ensure_started().find("exited (status 3) before accepting connections") !=
          std::string::npos);
}
