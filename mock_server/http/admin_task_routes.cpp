// The tasks' lifecycle on the admin API: page events played on a Webcast task's page, and each task's event
// log (the timeline: started, page opened, first frame, checks, refresh, reschedule, end).
#include "http/admin_routes.h"

namespace rtc {

void install_lifecycle_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Post(
        R"(/_mock/tasks/webcast/([^/]+)/([^/]+)/([^/]+)/events)",
        admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
            nlohmann::json body;
            if (!admin_body(req, res, body)) return;
            auto ev = body.find("Event");
            const std::string event = ev != body.end() && ev->is_string() ? ev->get<std::string>() : "";
            admin_reply(res, admin.page_event({req.matches[1], req.matches[2], req.matches[3]}, event));
        }));

    // The task's steps, oldest first, from the bounded task event log (Tasks.EventLogCapacity).
    server.Get(R"(/_mock/tasks/(webcast|wbrecord)/([^/]+)/([^/]+)/([^/]+)/events)",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   admin_reply(res, admin.task_events(req.matches[1],
                                                      {req.matches[2], req.matches[3], req.matches[4]}));
               }));
}

}  // namespace rtc
