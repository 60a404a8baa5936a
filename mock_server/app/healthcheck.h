// `rtc-mock healthcheck [flags]`: what a container HEALTHCHECK runs. Reads the flags and variables the server
// reads (the same table: --host, --port, --admin-token; the config file sets no address) and asks
// GET http://HOST:PORT/_mock/health, without starting a server. `rtc-mock healthcheck --from-server` reads
// instead the flags and variables of the one rtc-mock server of this user running beside it (the image's
// HEALTHCHECK: app/server_process.h).
#pragma once

#include <string>

namespace rtc {

// The address to ask for a mock bound to `host`: a wildcard is asked on loopback (0.0.0.0: 127.0.0.1,
// :: : ::1), any other host as it is.
std::string healthcheck_host(const std::string& host);

// Exit 0 when the mock answers 200 (one line on stdout), else 1 with one line on stderr saying what came back
// or that nothing did, within 2 s. Every mistake, a bad flag or variable included, exits 1, not 2: Docker
// reserves a health check's exit code 2.
int run_healthcheck(int argc, char** argv);

}  // namespace rtc
