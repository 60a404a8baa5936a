// The web inspector at /_mock/ui/: a single page (HTML, CSS and vanilla JS modules from mock_server/http/ui/,
// compiled into the binary) that reads the admin API and the live stream GET /_mock/events.
#pragma once

#include <httplib.h>

#include "core/admin/admin.h"
#include "http/server_options.h"

namespace rtc {

// Without --admin-token the page is served to loopback clients only, like all of /_mock/. With a token the
// page's files (code, no data) are served to anyone: the page asks for the token once, keeps it in the tab
// (sessionStorage) and sends it on every call; every route that carries data still requires it.
// The page carries what it needs to know before its first call: whether to ask for the token, and the
// actions the mock serves (suggested in the filters and the fault form).
void install_inspector_routes(httplib::Server& server, admin::LiveAdmin& admin, const ServerOptions& options);

}  // namespace rtc
