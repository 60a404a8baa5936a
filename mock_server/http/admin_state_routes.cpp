// GET /_mock/tasks, GET /_mock/apps, GET/PUT /_mock/apps/{AppId}, GET /_mock/state, GET /_mock/state/export,
// POST /_mock/state/import.
#include "http/admin_routes.h"

namespace rtc {

void install_state_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Get("/_mock/tasks",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.tasks());
               }));

    server.Get("/_mock/state",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.state());
               }));

    server.Get("/_mock/state/export",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.export_state());
               }));

    server.Post("/_mock/state/import",
                admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                    nlohmann::json body;
                    if (admin_body(req, res, body)) admin_reply(res, admin.import_state(body));
                }));

    server.Get("/_mock/apps",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.apps());
               }));

    server.Get(R"(/_mock/apps/([^/]+))",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   admin_reply(res, admin.app(req.matches[1]));
               }));

    server.Put(R"(/_mock/apps/([^/]+))",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   nlohmann::json body;
                   if (admin_body(req, res, body)) admin_reply(res, admin.change_app(req.matches[1], body));
               }));
}

}  // namespace rtc
