// POST/GET/DELETE /_mock/faults, GET/DELETE /_mock/faults/{Id}.
#include "http/admin_routes.h"

namespace rtc {

void install_fault_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Post("/_mock/faults",
                admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                    nlohmann::json body;
                    if (admin_body(req, res, body)) admin_reply(res, admin.add_fault(body));
                }));

    server.Get("/_mock/faults",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.faults());
               }));

    server.Delete("/_mock/faults",
                  admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                      admin_reply(res, admin.clear_faults());
                  }));

    server.Get(R"(/_mock/faults/([^/]+))",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   admin_reply(res, admin.fault(req.matches[1]));
               }));

    server.Delete(R"(/_mock/faults/([^/]+))",
                  admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                      admin_reply(res, admin.remove_fault(req.matches[1]));
                  }));
}

}  // namespace rtc
