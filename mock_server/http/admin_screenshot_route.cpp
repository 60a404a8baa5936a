// GET /_mock/tasks/webcast/{AppId}/{RoomId}/{TaskId}/screenshot: the latest frame of a task's page as PNG, at
// the viewport's size (a real page, --pages chromium: docs/pages.md). 404 in the admin envelope when there
// is no such task, no page now, or no frame yet.
#include <string>

#include "core/webcast/backend.h"
#include "http/admin_routes.h"

namespace rtc {

void install_screenshot_route(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Get(R"(/_mock/tasks/webcast/([^/]+)/([^/]+)/([^/]+)/screenshot)",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   const webcast::TaskKey key{req.matches[1], req.matches[2], req.matches[3]};
                   auto& webcast = service.webcast();
                   auto page = webcast.page(key);
                   if (!page) {
                       admin_json(res, 404,
                                  {{"error", webcast.get(key) ? "the webcast task " + key.str() +
                                                                    " has no page now (it has ended or is "
                                                                    "between pages)"
                                                              : "no webcast task " + key.str()}});
                       return;
                   }
                   auto png = page->screenshot_png();
                   if (!png) {
                       const std::string source = webcast.page_source();
                       admin_json(res, 404,
                                  {{"error", source == "chromium"
                                                 ? "the page of " + key.str() + " has no frame yet"
                                                 : "the page of " + key.str() + " is simulated (--pages " +
                                                       source + "): it has no frames"}});
                       return;
                   }
                   res.status = 200;
                   res.set_content(*png, "image/png");
               }));
}

}  // namespace rtc
