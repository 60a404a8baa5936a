// GET /_mock/tasks/webcast/{AppId}/{RoomId}/{TaskId}/recording: the task's recording as WebM (a real page,
// --pages chromium, Pages.Record: docs/pages.md "Recordings"): the whole file once the capture ended, the
// frames so far while it runs. 404 in the admin envelope when there is no such task or no recording.
#include "http/admin_routes.h"

namespace rtc {

void install_recording_route(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Get(R"(/_mock/tasks/webcast/([^/]+)/([^/]+)/([^/]+)/recording)",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   auto rec = admin.recording({req.matches[1], req.matches[2], req.matches[3]});
                   if (!rec.reply.ok()) {
                       admin_reply(res, rec.reply);
                       return;
                   }
                   res.status = 200;
                   res.set_content(rec.webm, "video/webm");
               }));
}

}  // namespace rtc
