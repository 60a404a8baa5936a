// The tasks' lifecycle on the admin API: page events played on a Webcast task's page, and each task's event
// log (the timeline: started, page opened, first frame, checks, refresh, reschedule, end).
#include "core/admin/task_kinds.h"
#include "core/events/task_log.h"
#include "http/admin_routes.h"

namespace rtc {

namespace {

std::string names_list() {
    std::string s;
    for (const auto& n : webcast::page_event_names()) s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace

void install_lifecycle_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Post(
        R"(/_mock/tasks/webcast/([^/]+)/([^/]+)/([^/]+)/events)",
        admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
            nlohmann::json body;
            if (!admin_body(req, res, body)) return;
            auto ev = body.find("Event");
            std::optional<webcast::PageEvent> event;
            if (ev != body.end() && ev->is_string()) event = webcast::page_event_from(ev->get<std::string>());
            if (!event) {
                admin_json(res, 400, {{"error", "Event must be one of " + names_list()}});
                return;
            }
            const webcast::TaskKey key{req.matches[1], req.matches[2], req.matches[3]};
            using R = webcast::PageEventResult;
            switch (service.webcast().page_event(key, *event)) {
                case R::Applied:
                    break;
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
                case R::NotSimulated:
                    admin_json(res, 409,
                               {{"error", std::string("the task's page is a real page (--pages ") +
                                              service.webcast().page_source() +
                                              "): its state comes from the page, not from the admin API"}});
                    return;
            }
            nlohmann::json out = {{"Event", webcast::to_string(*event)}, {"Applied", true}};
            if (auto task = service.webcast().get(key)) {
                out["Status"] = static_cast<int>(task->status);
                out["StopReason"] = task->stop_reason;
                out["Page"] = webcast::page_state_json(*task, service.webcast().page(key).get());
            }
            admin_json(res, 200, out);
        }));

    // The task's steps, oldest first, from the bounded task event log (Tasks.EventLogCapacity).
    server.Get(R"(/_mock/tasks/(webcast|wbrecord)/([^/]+)/([^/]+)/([^/]+)/events)",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   const auto family = req.matches[1] == "webcast" ? events::TaskFamily::Webcast
                                                                   : events::TaskFamily::WbRecord;
                   nlohmann::json list = nlohmann::json::array();
                   for (const auto& e :
                        service.task_log().of(family, req.matches[2], req.matches[3], req.matches[4]))
                       list.push_back(events::to_json(e));
                   admin_json(res, 200, {{"Events", std::move(list)}});
               }));
}

}  // namespace rtc
