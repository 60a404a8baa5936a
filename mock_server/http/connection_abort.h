// Ending connections behind cpp-httplib's back, which does not hand its sockets out: sockets are found by
// their addresses (Linux /proc/self/fd). Used by the drop/reset faults and at shutdown.
#pragma once

#include <httplib.h>

#include <string>

namespace rtc {

// reset=false: a FIN (the client reads EOF); reset=true: an RST (SO_LINGER 0; the client sees ECONNRESET).
// The descriptor is swapped for an unconnected socket, so cpp-httplib's later write fails and it closes that
// one, never a descriptor that another connection may be reusing. Returns false if the socket was not found.
bool abort_connection(const httplib::Request& req, bool reset);

// Shuts down (both ways) the connection with these endpoints: a worker blocked writing to a peer that stopped
// reading is woken at once (its write fails). Returns false if the socket was not found.
bool shutdown_connection(int local_port, const std::string& remote_addr, int remote_port);

// Shuts down every connection accepted on `local_port` (their workers see EOF at once); returns how many.
// cpp-httplib 0.11 lets an idle keep-alive connection hold its worker, and so shutdown, for the whole
// keep-alive timeout.
int shutdown_connections(int local_port);

}  // namespace rtc
