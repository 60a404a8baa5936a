// Callbacks on the admin API: the delivery journal, re-sending a delivery, an app's callback settings (its
// default one, or a BusinessId's with `?BusinessId=`), and a test event sent to them.
#include <regex>

#include "core/actions/spec.h"
#include "core/admin/app_settings.h"
#include "core/config_reader.h"
#include "http/admin_routes.h"

namespace rtc {

namespace {

// One setting of the app ("Callback", null when absent) and every setting it has ("Callbacks").
nlohmann::json app_callback_json(MockService& service, const std::string& app_id,
                                 const std::string& business_id) {
    const auto& store = service.callbacks().store();
    auto s = store.get(app_id, business_id);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& each : store.of_app(app_id)) all.push_back(callback_json(each, true));
    return {{"AppId", app_id},
            {"BusinessId", business_id},
            {"Callback", s ? callback_json(*s, true) : nlohmann::json(nullptr)},
            {"Callbacks", all}};
}

// `?BusinessId=` names a setting of the app other than its default (docs/service-facts.md §5); it follows
// the ID rule. False (and a 400 answered) when it does not.
bool business_of(const httplib::Request& req, httplib::Response& res, std::string& out) {
    out = req.get_param_value("BusinessId");
    static const std::regex id(spec::kIdPattern);
    if (out.empty() || std::regex_match(out, id)) return true;
    admin_json(res, 400, {{"error", std::string("BusinessId must match ") + spec::kIdPattern}});
    return false;
}

// The app named by the route, or a 404 answered.
bool known_app(MockService& service, const std::string& app_id, httplib::Response& res) {
    if (service.console().app(app_id)) return true;
    admin_json(res, 404, {{"error", "no app " + app_id}});
    return false;
}

}  // namespace

void install_callback_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Get("/_mock/callbacks",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   callbacks::AttemptQuery q;
                   q.event_id = req.get_param_value("event_id");
                   q.app_id = req.get_param_value("app_id");
                   q.task = req.get_param_value("task");
                   if (req.has_param("outcome")) {
                       q.outcome = callbacks::delivery_outcome_from(req.get_param_value("outcome"));
                       if (!q.outcome) {
                           admin_json(
                               res, 400,
                               {{"error", "outcome must be delivered, retrying, failed or abandoned"}});
                           return;
                       }
                   }
                   if (req.has_param("limit")) {
                       const std::string l = req.get_param_value("limit");
                       char* end = nullptr;
                       long v = std::strtol(l.c_str(), &end, 10);
                       if (l.empty() || *end != '\0' || v < 0) {
                           admin_json(res, 400, {{"error", "limit must be a whole number >= 0"}});
                           return;
                       }
                       q.limit = static_cast<std::size_t>(v);
                   }
                   auto& outbox = service.callbacks().outbox();
                   nlohmann::json list = nlohmann::json::array();
                   for (const auto& a : outbox.attempts(q)) list.push_back(a.to_json());
                   admin_json(res, 200,
                              {{"Attempts", list},
                               {"InFlight", outbox.in_flight()},
                               {"RetriesPending", outbox.retries_pending()}});
               }));

    server.Post(R"(/_mock/callbacks/([^/]+)/resend)",
                admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                    std::string error;
                    if (!service.callbacks().outbox().resend(req.matches[1], error)) {
                        admin_json(res, 404, {{"error", error}});
                        return;
                    }
                    admin_json(res, 202, {{"DeliveryId", std::string(req.matches[1])}, {"Resent", true}});
                }));

    server.Get(R"(/_mock/apps/([^/]+)/callback)",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   std::string business;
                   if (!known_app(service, req.matches[1], res) || !business_of(req, res, business)) return;
                   admin_json(res, 200, app_callback_json(service, req.matches[1], business));
               }));

    server.Put(
        R"(/_mock/apps/([^/]+)/callback)",
        admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
            const std::string app_id = req.matches[1];
            std::string business;
            if (!known_app(service, app_id, res) || !business_of(req, res, business)) return;
            nlohmann::json body;
            if (!admin_body(req, res, body)) return;
            try {
                service.callbacks().store().put(
                    app_id, business,
                    parse_app_callback(ConfigField(body, "", "PUT /_mock/apps/" + app_id + "/callback")),
                    service.clock().now_ms());
            } catch (const ConfigError& e) {
                admin_json(res, 400, {{"error", e.what()}});
                return;
            }
            admin_json(res, 200, app_callback_json(service, app_id, business));
        }));

    server.Delete(R"(/_mock/apps/([^/]+)/callback)",
                  admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                      const std::string app_id = req.matches[1];
                      std::string business;
                      if (!known_app(service, app_id, res) || !business_of(req, res, business)) return;
                      service.callbacks().store().remove(app_id, business);
                      admin_json(res, 200, app_callback_json(service, app_id, business));
                  }));

    // Sends one event to the app's callback now (checks a receiver without starting a task).
    server.Post(
        R"(/_mock/apps/([^/]+)/callback/test)",
        admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
            const std::string app_id = req.matches[1];
            std::string business;
            if (!known_app(service, app_id, res) || !business_of(req, res, business)) return;
            nlohmann::json body;
            if (!admin_body(req, res, body)) return;
            const TimeMs now = service.clock().now_ms();
            nlohmann::json data = body.value(
                "EventData",
                nlohmann::json{{"AppId", app_id}, {"Status", 0}, {"Reason", "Test"}, {"Timestamp", now}});
            // Routed as a task of that BusinessId would be: its setting, else the app's default.
            std::string id = service.callbacks().emit(app_id, business, "", data, now);
            if (id.empty()) {
                admin_json(res, 409,
                           {{"error", "the app " + app_id + " has no callback for this event type"}});
                return;
            }
            admin_json(res, 202, {{"EventId", id}, {"DeliveryId", id}});
        }));
}

}  // namespace rtc
