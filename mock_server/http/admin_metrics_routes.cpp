// GET /_mock/metrics: Prometheus text exposition 0.0.4.
#include "core/admin/views.h"
#include "http/admin_routes.h"

namespace rtc {

void install_metrics_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Get("/_mock/metrics",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   res.status = 200;
                   res.set_content(admin.metrics(), admin::kPrometheusContentType);
               }));
}

}  // namespace rtc
