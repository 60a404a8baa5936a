// A Redis for the tests: Debian's redis-server on a Unix socket in a temporary folder, without persistence,
// started by the first test that asks and stopped when the test process ends (or dies: it gets SIGKILL with
// its parent). nullptr when redis-server is not installed, or RTC_TEST_REDIS=0.
#pragma once

#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

namespace rtc::test {

class TestRedis {
  public:
    // The one Redis of this test process (started on first use).
    static TestRedis* get() {
        static TestRedis* instance = start();
        return instance;
    }
    const std::string& socket_path() const { return socket_; }
    std::string url() const { return "unix://" + socket_; }

    ~TestRedis() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

  private:
    static std::string find_server() {
        for (const char* dir : {"/usr/bin", "/usr/local/bin", "/usr/sbin"}) {
            std::string p = std::string(dir) + "/redis-server";
            if (access(p.c_str(), X_OK) == 0) return p;
        }
        return "";
    }

    static bool answers(const std::string& path) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0) return false;
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        close(fd);
        return ok;
    }

    static TestRedis* start() {
        const char* off = std::getenv("RTC_TEST_REDIS");
        if (off && std::string(off) == "0") return nullptr;
        const std::string server = find_server();
        if (server.empty()) return nullptr;
        static TestRedis redis;  // destroyed at exit: the server is stopped
        char tmpl[] = "/tmp/rtc-test-redis-XXXXXX";
        if (!mkdtemp(tmpl)) return nullptr;
        redis.dir_ = tmpl;
        redis.socket_ = redis.dir_ + "/redis.sock";
        const pid_t parent = getpid();
        const pid_t pid = fork();
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(1);
            const std::string dir = redis.dir_, sock = redis.socket_;
            execl(server.c_str(), "redis-server", "--port", "0", "--unixsocket", sock.c_str(),
                  "--unixsocketperm", "700", "--save", "", "--appendonly", "no", "--dir", dir.c_str(),
                  "--loglevel", "warning", "--logfile", (dir + "/redis.log").c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        if (pid < 0) return nullptr;
        redis.pid_ = pid;
        for (int i = 0; i < 500 && !answers(redis.socket_); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return answers(redis.socket_) ? &redis : nullptr;
    }

    TestRedis() = default;
    std::string dir_;
    std::string socket_;
    pid_t pid_ = -1;
};

}  // namespace rtc::test
