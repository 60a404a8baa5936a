// The admin API on `/_mock/`: a control surface for tests, never journaled as API traffic and never limited.
#pragma once

#include <httplib.h>

#include "core/service.h"
#include "http/server.h"

namespace rtc {

void install_admin_routes(httplib::Server& server, MockService& service, const ServerOptions& options);

// Admin answers: JSON, with errors as {"error": "..."}.
void admin_json(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace rtc
