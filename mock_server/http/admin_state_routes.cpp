// GET /_mock/tasks, GET /_mock/apps, GET/PUT /_mock/apps/{AppId}, GET /_mock/state.
#include "core/admin/app_settings.h"
#include "core/admin/state_views.h"
#include "http/admin_routes.h"

namespace rtc {

void install_state_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Get("/_mock/tasks",
               admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                   admin_json(res, 200, tasks_json(service));
               }));

    server.Get("/_mock/state",
               admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                   admin_json(res, 200, state_json(service));
               }));

    server.Get("/_mock/apps",
               admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                   nlohmann::json apps = nlohmann::json::array();
                   for (const auto& a : service.console().apps())
                       apps.push_back(app_json(a, service.callbacks().store()));
                   admin_json(res, 200, {{"Apps", apps}});
               }));

    server.Get(R"(/_mock/apps/([^/]+))",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   const std::string id = req.matches[1];
                   if (auto app = service.console().app(id))
                       admin_json(res, 200, app_json(*app, service.callbacks().store()));
                   else
                       admin_json(res, 404, {{"error", "no app " + id}});
               }));

    server.Put(R"(/_mock/apps/([^/]+))",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   nlohmann::json body;
                   if (!admin_body(req, res, body)) return;
                   AppChange change =
                       change_app(service.console(), service.callbacks().store(), service.config(),
                                  req.matches[1], body, service.clock().now_ms());
                   if (change.status >= 400)
                       admin_json(res, change.status, {{"error", change.error}});
                   else
                       admin_json(res, change.status, app_json(*change.app, service.callbacks().store()));
               }));
}

}  // namespace rtc
