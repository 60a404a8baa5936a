// POST/GET/DELETE /_mock/faults, GET/DELETE /_mock/faults/{Id}.
#include "core/faults/fault_rule.h"
#include "http/admin_routes.h"

namespace rtc {

void install_fault_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Post(
        "/_mock/faults",
        admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
            nlohmann::json body;
            if (!admin_body(req, res, body)) return;
            std::string error;
            auto rule = faults::parse_fault_rule(body, error);
            if (!rule) {
                admin_json(res, 400, {{"error", error}});
                return;
            }
            // A misspelt scope would silently never match: name the actions and accounts there are.
            if (rule->action != "*" && !service.actions().has_action(rule->action)) {
                std::string names;
                for (const auto& d : service.actions().all())
                    if (names.find(d.name()) == std::string::npos)
                        names += (names.empty() ? "" : ", ") + d.name();
                admin_json(res, 400,
                           {{"error", "Action " + rule->action +
                                          " is not an action of the mock (\"*\" or one of: " + names + ")"}});
                return;
            }
            if (!rule->account_id.empty() && !service.config().account_by_id(rule->account_id)) {
                admin_json(
                    res, 400,
                    {{"error", "AccountId " + rule->account_id + " is not an account of the fixture"}});
                return;
            }
            auto stored = service.faults().add(std::move(*rule), service.clock().now_ms(), error);
            if (!stored) {
                admin_json(res, 409, {{"error", error}});
                return;
            }
            admin_json(res, 201, *stored);
        }));

    server.Get("/_mock/faults",
               admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                   admin_json(res, 200, {{"Faults", service.faults().list(service.clock().now_ms())}});
               }));

    server.Delete("/_mock/faults",
                  admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                      const std::size_t n = service.faults().size();
                      service.faults().clear();
                      admin_json(res, 200, {{"status", "cleared"}, {"Deleted", n}});
                  }));

    server.Get(R"(/_mock/faults/([^/]+))",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   const std::string id = req.matches[1];
                   if (auto rule = service.faults().get(id, service.clock().now_ms()))
                       admin_json(res, 200, *rule);
                   else
                       admin_json(res, 404, {{"error", "no fault rule " + id}});
               }));

    server.Delete(R"(/_mock/faults/([^/]+))",
                  admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                      const std::string id = req.matches[1];
                      if (service.faults().remove(id))
                          admin_json(res, 200, {{"status", "deleted"}, {"Id", id}});
                      else
                          admin_json(res, 404, {{"error", "no fault rule " + id}});
                  }));
}

}  // namespace rtc
