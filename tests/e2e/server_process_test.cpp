// `rtc-mock healthcheck --from-server` finds the server beside it in /proc (app/server_process.h), here in a
// folder laid out like /proc.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/server_process.h"

namespace fs = std::filesystem;

namespace {

struct FakeProc {
    fs::path root = fs::temp_directory_path() / ("rtc-fake-proc-" + std::to_string(getpid()));
    FakeProc() {
        fs::remove_all(root);
        fs::create_directories(root / "self");
        fs::create_symlink("/opt/rtc-mock/bin/rtc-mock", root / "self" / "exe");
    }
    ~FakeProc() { fs::remove_all(root); }
    // A process: its executable, and its command line and variables as NUL-separated strings.
    void add(int pid, const std::string& exe, const std::string& cmdline, const std::string& environ) {
        const fs::path dir = root / std::to_string(pid);
        fs::create_directories(dir);
        fs::create_symlink(exe, dir / "exe");
        std::ofstream(dir / "cmdline", std::ios::binary) << cmdline;
        std::ofstream(dir / "environ", std::ios::binary) << environ;
    }
};

const std::string kMock = "/opt/rtc-mock/bin/rtc-mock";
const std::string kServer{"rtc-mock\0--port\0009000\0--admin-token\0t\0", 36};

}  // namespace

TEST_CASE("the health check finds the one server running the same executable, with its flags and variables",
          "[cli]") {
    FakeProc proc;
    proc.add(1, "/usr/bin/tini", std::string("tini\0-s\0--\0rtc-mock\0", 20), "");
    proc.add(7, kMock, kServer, std::string("RTC_MOCK_PORT=8080\0PATH=/bin\0", 29));
    proc.add(9, kMock, std::string("rtc-mock\0healthcheck\0--from-server\0", 35), "");  // another check
    auto server = rtc::find_server_process(proc.root.string());
    REQUIRE(server);
    CHECK(server->pid == 7);
    CHECK(server->argv == std::vector<std::string>{"rtc-mock", "--port", "9000", "--admin-token", "t"});
    CHECK(server->environ.at("RTC_MOCK_PORT") == "8080");
    CHECK(server->environ.at("PATH") == "/bin");

    SECTION("two servers: it cannot tell which, and says none") {
        proc.add(8, kMock, kServer, "");
        CHECK_FALSE(rtc::find_server_process(proc.root.string()));
    }
}

TEST_CASE("the health check finds no server where none runs or /proc says nothing", "[cli]") {
    FakeProc proc;
    proc.add(1, "/usr/bin/tini", std::string("tini\0", 5), "");
    CHECK_FALSE(rtc::find_server_process(proc.root.string()));
    CHECK_FALSE(rtc::find_server_process((proc.root / "nonexistent").string()));
}
