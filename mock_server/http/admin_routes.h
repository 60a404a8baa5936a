// The admin API on `/_mock/`: a control surface for tests, never journaled as API traffic and never limited.
#pragma once

#include <httplib.h>

#include "core/service.h"
#include "http/server.h"

namespace rtc {

void install_admin_routes(httplib::Server& server, MockService& service, const ServerOptions& options);

// Loopback clients only, unless --admin-token is set; then the bearer token is required from everyone.
// Answers the refusal itself and returns false when the request may not pass.
bool admin_admitted(const httplib::Request& req, httplib::Response& res, const ServerOptions& options);

// Admin answers: JSON, with errors as {"error": "..."}.
void admin_json(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace rtc
