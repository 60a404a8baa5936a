// GET /_mock/metrics: Prometheus text exposition 0.0.4.
#include "core/admin/state_views.h"

#include "http/admin_routes.h"

namespace rtc {

void install_metrics_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Get("/_mock/metrics",
               admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                   res.status = 200;
                   res.set_content(metrics_text(service), kPrometheusContentType);
               }));
}

}  // namespace rtc
