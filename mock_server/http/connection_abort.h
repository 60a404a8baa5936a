// Fault injection at the TCP level: ends the connection a request arrived on without any response bytes.
// cpp-httplib does not hand its socket to handlers, so the socket is found by the request's four-tuple.
#pragma once

#include <httplib.h>

namespace rtc {

// reset=false: a FIN (the client reads EOF); reset=true: an RST (SO_LINGER 0; the client sees ECONNRESET).
// The descriptor is swapped for an unconnected socket, so cpp-httplib's later write fails and it closes that
// one, never a descriptor that another connection may be reusing. Returns false if the socket was not found.
bool abort_connection(const httplib::Request& req, bool reset);

}  // namespace rtc
