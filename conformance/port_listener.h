// Who listens on a loopback TCP port, read from /proc (Linux). The adapter's webhook receiver must bind the
// port number the harness gives it, so the harness cannot hold that port itself; instead it checks that the
// process accepting connections there is the adapter it started, not a program that took the port first.
#pragma once

namespace rtc::conformance {

enum class PortListener {
    None,     // nothing listens on the port (yet)
    Process,  // every listener belongs to the process, its descendants or its process group
    Other,    // another program listens on the port
    Unknown,  // /proc cannot tell (not readable, or not Linux)
};

// Who listens on TCP `port` (IPv4 or IPv6, any address), relative to process `pid`, the processes it started
// and the processes of its group (the adapter runs as `sh -c COMMAND` in a group of its own, and COMMAND may
// be a wrapper such as `timeout` that starts the listener in a group of its own).
PortListener port_listener(int port, int pid);

}  // namespace rtc::conformance
