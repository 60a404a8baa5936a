// GET /_mock/tasks/webcast/{AppId}/{RoomId}/{TaskId}/screenshot: the latest frame of a task's page as PNG, at
// the viewport's size (a real page, --pages chromium: docs/pages.md). 404 in the admin envelope when there
// is no such task, no page now, or no frame yet.
#include "http/admin_routes.h"

namespace rtc {

void install_screenshot_route(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Get(R"(/_mock/tasks/webcast/([^/]+)/([^/]+)/([^/]+)/screenshot)",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   auto shot = admin.screenshot({req.matches[1], req.matches[2], req.matches[3]});
                   if (!shot.reply.ok()) {
                       admin_reply(res, shot.reply);
                       return;
                   }
                   res.status = 200;
                   res.set_content(shot.png, "image/png");
               }));
}

}  // namespace rtc
