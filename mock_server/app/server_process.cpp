#include "app/server_process.h"

#include <dirent.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <iterator>

namespace rtc {

namespace {

// A /proc file of NUL-separated strings (cmdline, environ); nullopt when it cannot be read.
std::optional<std::vector<std::string>> nul_separated(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> parts;
    std::string::size_type start = 0;
    while (start < text.size()) {
        auto end = text.find('\0', start);
        if (end == std::string::npos) end = text.size();
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string link_target(const std::string& path) {
    char buf[4096];
    const ssize_t n = readlink(path.c_str(), buf, sizeof buf);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

std::optional<ServerProcess> find_server_process(const std::string& proc_root) {
    const std::string self = link_target(proc_root + "/self/exe");
    if (self.empty()) return std::nullopt;
    DIR* proc = opendir(proc_root.c_str());
    if (!proc) return std::nullopt;
    std::optional<ServerProcess> found;
    int servers = 0;
    const int own_pid = static_cast<int>(getpid());
    while (dirent* entry = readdir(proc)) {
        const std::string name = entry->d_name;
        if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
        const int pid = std::atoi(name.c_str());
        // Another user's process answers nothing here (readlink fails): it is not ours to describe.
        const std::string dir = proc_root + "/" + name;
        if (pid == own_pid || link_target(dir + "/exe") != self) continue;
        auto argv = nul_separated(dir + "/cmdline");
        // A subcommand (another health check) is not the server.
        if (!argv || argv->empty() || (argv->size() > 1 && (*argv)[1] == "healthcheck")) continue;
        auto environ = nul_separated(dir + "/environ");
        if (!environ) continue;
        ServerProcess server{pid, std::move(*argv), {}};
        for (const auto& line : *environ) {
            const auto eq = line.find('=');
            if (eq != std::string::npos) server.environ.emplace(line.substr(0, eq), line.substr(eq + 1));
        }
        found = std::move(server);
        ++servers;
    }
    closedir(proc);
    if (servers != 1) return std::nullopt;
    return found;
}

}  // namespace rtc
