// Admin routes of the task lifecycle and the callbacks: simulated page events, the delivery journal,
// re-sending a delivery and setting an app's callback.
#pragma once

#include <httplib.h>

#include "core/service.h"
#include "http/server.h"

namespace rtc {

void install_lifecycle_routes(httplib::Server& server, MockService& service, const ServerOptions& options);

}  // namespace rtc
