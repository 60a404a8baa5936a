// The admin route sets of issue 7 (journal, faults, apps/tasks/state, metrics), each in its own file, all
// installed by install_admin_routes behind the same guard. Shared helpers of the admin handlers.
#pragma once

#include <functional>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/service.h"
#include "http/server.h"

namespace rtc {

using AdminHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

// The handler behind admin_admitted (loopback / bearer token).
httplib::Server::Handler admin_guarded(const ServerOptions& options, AdminHandler handler);
// Reads a JSON object body (an empty body is {}); answers 400 and returns false when it is not one.
bool admin_body(const httplib::Request& req, httplib::Response& res, nlohmann::json& out);

void install_journal_routes(httplib::Server& server, MockService& service, const ServerOptions& options);
void install_fault_routes(httplib::Server& server, MockService& service, const ServerOptions& options);
void install_state_routes(httplib::Server& server, MockService& service, const ServerOptions& options);
void install_metrics_routes(httplib::Server& server, MockService& service, const ServerOptions& options);

}  // namespace rtc
