#include "conformance/port_listener.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <system_error>

namespace rtc::conformance {

namespace {

namespace fs = std::filesystem;

// Inodes of the sockets in LISTEN state on `port`, from /proc/net/tcp and tcp6; false if neither is readable.
bool listening_inodes(int port, std::set<unsigned long>& out) {
    bool readable = false;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        if (!in) continue;
        readable = true;
        std::string line;
        std::getline(in, line);  // the column names
        while (std::getline(in, line)) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            std::istringstream row(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout;
            unsigned long inode = 0;
            if (!(row >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
                  timeout >> inode))
                continue;
            const std::size_t colon = local.rfind(':');
            if (state != "0A" || colon == std::string::npos) continue;  // 0A: TCP_LISTEN
            if (std::strtol(local.c_str() + colon + 1, nullptr, 16) == port) out.insert(inode);
        }
    }
    return readable;
}

struct ProcessIds {
    int parent = -1;
    int group = -1;
};

// Fields 4 and 5 of /proc/PID/stat. The command name before them may hold spaces and parentheses: the
// fields after it start after the last ')'.
bool read_ids(const fs::path& stat_file, ProcessIds& ids) {
    std::ifstream in(stat_file);
    std::string stat;
    if (!std::getline(in, stat)) return false;
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos) return false;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    return static_cast<bool>(rest >> state >> ids.parent >> ids.group);
}

// Process `pid`, its descendants and the members of its process group.
std::set<int> family(int pid) {
    std::map<int, ProcessIds> all;
    std::error_code ec;
    // increment(ec), not a range for: a process that exits during the walk must not throw.
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        ProcessIds ids;
        if (read_ids(it->path() / "stat", ids)) all[std::atoi(name.c_str())] = ids;
    }
    std::set<int> out{pid};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [p, ids] : all)
            if (!out.count(p) && (ids.group == pid || out.count(ids.parent))) {
                out.insert(p);
                grew = true;
            }
    }
    return out;
}

}  // namespace

PortListener port_listener(int port, int pid) {
    std::set<unsigned long> listening;
    if (!listening_inodes(port, listening)) return PortListener::Unknown;
    if (listening.empty()) return PortListener::None;
    bool unreadable = false;
    for (int p : family(pid)) {
        std::error_code ec;
        fs::directory_iterator it("/proc/" + std::to_string(p) + "/fd", ec), end;
        // A process that has exited meanwhile holds no socket; one we may not look into leaves the answer
        // open.
        if (ec == std::errc::permission_denied) unreadable = true;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code link_ec;
            const std::string target = fs::read_symlink(it->path(), link_ec).string();
            if (link_ec || target.rfind("socket:[", 0) != 0) continue;
            listening.erase(std::strtoul(target.c_str() + 8, nullptr, 10));
        }
    }
    if (listening.empty()) return PortListener::Process;
    return unreadable ? PortListener::Unknown : PortListener::Other;
}

}  // namespace rtc::conformance
