// The admin API on `/_mock/`: a control surface for tests, never journaled as API traffic and never limited.
// Each route only translates HTTP into a call of the admin front door (core/admin/admin.h) and its Reply
// back. Every route goes through the one guard (admin_guarded) and reads JSON bodies with the one reader
// (admin_body). Route sets live one per file: journal, faults, state (apps, tasks), metrics, tasks'
// lifecycle, callbacks and page screenshots.
#pragma once

#include <functional>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/admin/admin.h"
#include "core/admin/queries.h"
#include "http/server_options.h"

namespace rtc {

void install_admin_routes(httplib::Server& server, admin::LiveAdmin& admin, const ServerOptions& options);

// Loopback clients only, unless --admin-token is set; then the bearer token is required from everyone.
// Answers the refusal itself and returns false when the request may not pass.
bool admin_admitted(const httplib::Request& req, httplib::Response& res, const ServerOptions& options);
// The error of the 403 a non-loopback client gets without a token: where it came from and how to allow it.
std::string admin_refusal(const std::string& remote_addr);

using AdminHandler = std::function<void(const httplib::Request&, httplib::Response&)>;
// The handler behind admin_admitted.
httplib::Server::Handler admin_guarded(const ServerOptions& options, AdminHandler handler);

// Admin answers: JSON, with errors as {"error": "..."}.
void admin_json(httplib::Response& res, int status, const nlohmann::json& body);
// A Reply of the admin front door, as its HTTP status and document.
void admin_reply(httplib::Response& res, const admin::Reply& reply);
// Reads a JSON object body (an empty body is {}); answers 400 and returns false when it is not one.
bool admin_body(const httplib::Request& req, httplib::Response& res, nlohmann::json& out);
// The request's query parameters, in order.
admin::QueryPairs admin_query(const httplib::Request& req);

void install_journal_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_fault_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_state_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_metrics_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_lifecycle_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_callback_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_screenshot_route(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);
void install_recording_route(httplib::Server& server, admin::Admin& admin, const ServerOptions& options);

}  // namespace rtc
