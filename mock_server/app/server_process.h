// The rtc-mock server running beside `rtc-mock healthcheck`: in a container, the process the image started,
// whose flags (`docker run IMAGE --port 9000 --admin-token T`) the health check cannot see otherwise.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rtc {

struct ServerProcess {
    int pid = 0;
    std::vector<std::string> argv;               // its command line, argv[0] included
    std::map<std::string, std::string> environ;  // its variables, as it was started with them
};

// The one process of this user that runs this same executable as a server (not a subcommand), read from
// /proc; nullopt when there is none, more than one, or /proc does not say (another user's, no /proc). `proc`:
// where /proc is (tests give a folder laid out like it, with self/exe and PID/{exe,cmdline,environ}).
std::optional<ServerProcess> find_server_process(const std::string& proc = "/proc");

}  // namespace rtc
