// Callbacks on the admin API: the delivery journal, re-sending a delivery, an app's callback settings (its
// default one, or a BusinessId's with `?BusinessId=`), and a test event sent to them.
#include "http/admin_routes.h"

namespace rtc {

void install_callback_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Get("/_mock/callbacks",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   callbacks::AttemptQuery q;
                   if (auto bad = admin::parse_attempt_query(admin_query(req), q)) {
                       admin_json(res, 400, {{"error", *bad}});
                       return;
                   }
                   admin_reply(res, admin.deliveries(q));
               }));

    server.Post(R"(/_mock/callbacks/([^/]+)/resend)",
                admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                    admin_reply(res, admin.resend(req.matches[1]));
                }));

    server.Get(R"(/_mock/apps/([^/]+)/callback)",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   admin_reply(res, admin.app_callback(req.matches[1], req.get_param_value("BusinessId")));
               }));

    server.Put(R"(/_mock/apps/([^/]+)/callback)",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   nlohmann::json body;
                   if (!admin_body(req, res, body)) return;
                   admin_reply(
                       res, admin.put_app_callback(req.matches[1], req.get_param_value("BusinessId"), body));
               }));

    server.Delete(R"(/_mock/apps/([^/]+)/callback)",
                  admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                      admin_reply(
                          res, admin.delete_app_callback(req.matches[1], req.get_param_value("BusinessId")));
                  }));

    // Sends one event to the app's callback now (checks a receiver without starting a task).
    server.Post(R"(/_mock/apps/([^/]+)/callback/test)",
                admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                    nlohmann::json body;
                    if (!admin_body(req, res, body)) return;
                    admin_reply(res,
                                admin.test_callback(req.matches[1], req.get_param_value("BusinessId"), body));
                }));
}

}  // namespace rtc
