#include "http/admin_lifecycle_routes.h"

#include <algorithm>

#include "core/config_reader.h"
#include "http/admin_routes.h"

namespace rtc {

namespace {

bool body_object(const httplib::Request& req, httplib::Response& res, nlohmann::json& out) {
    out = nlohmann::json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    if (out.is_discarded() || !out.is_object()) {
        admin_json(res, 400, {{"error", "the body must be a JSON object"}});
        return false;
    }
    return true;
}

std::string names_list() {
    std::string s;
    for (const auto& n : webcast::page_event_names()) s += (s.empty() ? "" : ", ") + n;
    return s;
}

nlohmann::json callback_json(const App& app) {
    if (!app.callback) return {{"AppId", app.app_id}, {"Callback", nullptr}};
    return {{"AppId", app.app_id},
            {"Callback",
             {{"URL", app.callback->url},
              {"SecretKey", app.callback->secret_key},
              {"Events", app.callback->events}}}};
}

}  // namespace

void install_lifecycle_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    auto guard = [&options](auto handler) {
        return [&options, handler](const httplib::Request& req, httplib::Response& res) {
            if (admin_admitted(req, res, options)) handler(req, res);
        };
    };

    server.Post(
        R"(/_mock/tasks/webcast/([^/]+)/([^/]+)/([^/]+)/events)",
        guard([&service](const httplib::Request& req, httplib::Response& res) {
            nlohmann::json body;
            if (!body_object(req, res, body)) return;
            auto ev = body.find("Event");
            if (ev == body.end() || !ev->is_string()) {
                admin_json(res, 400, {{"error", "Event must be one of " + names_list()}});
                return;
            }
            const webcast::TaskKey key{req.matches[1], req.matches[2], req.matches[3]};
            const std::string event = ev->get<std::string>();
            using R = webcast::PageEventResult;
            switch (service.lifecycle().page_event(key, event)) {
                case R::Applied:
                    break;
                case R::UnknownEvent:
                    admin_json(res, 400, {{"error", "Event must be one of " + names_list()}});
                    return;
                case R::UnknownTask:
                    admin_json(res, 404, {{"error", "no webcast task " + key.str()}});
                    return;
                case R::TaskNotRunning:
                    admin_json(res, 409, {{"error", "the webcast task " + key.str() + " is not running"}});
                    return;
                case R::NotifyDisabled:
                    admin_json(res, 409,
                               {{"error",
                                 "the task was started without EnableEventNotify, so its "
                                 "page has no onWebcastStart()/onWebcastEnd()"}});
                    return;
            }
            auto task = service.webcasts().get(key);
            nlohmann::json out = {{"Event", event}, {"Applied", true}};
            if (task) {
                const auto& p = task->page;
                out["Status"] = static_cast<int>(task->status);
                out["StopReason"] = task->stop_reason;
                out["Page"] = {{"Capturing", p.capturing},    {"StartEventSeen", p.start_event_seen},
                               {"Frozen", p.frozen},          {"Blank", p.blank},
                               {"Crashed", p.crashed},        {"Refreshes", p.refreshes},
                               {"Reschedules", p.reschedules}};
            }
            admin_json(res, 200, out);
        }));

    server.Get("/_mock/callbacks", guard([&service](const httplib::Request& req, httplib::Response& res) {
                   callbacks::AttemptQuery q;
                   q.event_id = req.get_param_value("event_id");
                   q.app_id = req.get_param_value("app_id");
                   q.task = req.get_param_value("task");
                   q.outcome = req.get_param_value("outcome");
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
                   nlohmann::json list = nlohmann::json::array();
                   for (const auto& a : service.outbox().attempts(q)) list.push_back(a.to_json());
                   admin_json(res, 200,
                              {{"Attempts", list},
                               {"InFlight", service.outbox().in_flight()},
                               {"RetriesPending", service.outbox().retries_pending()}});
               }));

    server.Post(R"(/_mock/callbacks/([^/]+)/resend)",
                guard([&service](const httplib::Request& req, httplib::Response& res) {
                    std::string error;
                    if (!service.outbox().resend(req.matches[1], error)) {
                        admin_json(res, 404, {{"error", error}});
                        return;
                    }
                    admin_json(res, 202, {{"DeliveryId", std::string(req.matches[1])}, {"Resent", true}});
                }));

    server.Get(R"(/_mock/apps/([^/]+)/callback)",
               guard([&service](const httplib::Request& req, httplib::Response& res) {
                   auto app = service.console().app(req.matches[1]);
                   if (!app) {
                       admin_json(res, 404, {{"error", "no app " + std::string(req.matches[1])}});
                       return;
                   }
                   admin_json(res, 200, callback_json(*app));
               }));

    server.Put(R"(/_mock/apps/([^/]+)/callback)",
               guard([&service](const httplib::Request& req, httplib::Response& res) {
                   auto app = service.console().app(req.matches[1]);
                   if (!app) {
                       admin_json(res, 404, {{"error", "no app " + std::string(req.matches[1])}});
                       return;
                   }
                   nlohmann::json body;
                   if (!body_object(req, res, body)) return;
                   try {
                       app->callback =
                           parse_app_callback(body, "PUT /_mock/apps/" + app->app_id + "/callback", "");
                   } catch (const ConfigError& e) {
                       admin_json(res, 400, {{"error", e.what()}});
                       return;
                   }
                   service.console().put(*app);
                   admin_json(res, 200, callback_json(*app));
               }));

    // Sends one event to the app's callback now (checks a receiver without starting a task).
    server.Post(
        R"(/_mock/apps/([^/]+)/callback/test)",
        guard([&service](const httplib::Request& req, httplib::Response& res) {
            const std::string app_id = req.matches[1];
            auto app = service.console().app(app_id);
            if (!app) {
                admin_json(res, 404, {{"error", "no app " + app_id}});
                return;
            }
            nlohmann::json body;
            if (!body_object(req, res, body)) return;
            const TimeMs now = service.clock().now_ms();
            nlohmann::json data = body.value(
                "EventData",
                nlohmann::json{{"AppId", app_id}, {"Status", 0}, {"Reason", "Test"}, {"Timestamp", now}});
            std::string id = service.outbox().emit(app_id, "", data, now);
            if (id.empty()) {
                admin_json(res, 409,
                           {{"error", "the app " + app_id + " has no callback for this event type"}});
                return;
            }
            admin_json(res, 202, {{"EventId", id}, {"DeliveryId", id}});
        }));

    server.Delete(R"(/_mock/apps/([^/]+)/callback)",
                  guard([&service](const httplib::Request& req, httplib::Response& res) {
                      auto app = service.console().app(req.matches[1]);
                      if (!app) {
                          admin_json(res, 404, {{"error", "no app " + std::string(req.matches[1])}});
                          return;
                      }
                      app->callback.reset();
                      service.console().put(*app);
                      admin_json(res, 200, callback_json(*app));
                  }));
}

}  // namespace rtc
