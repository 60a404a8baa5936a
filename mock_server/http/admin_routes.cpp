#include "http/admin_routes.h"

#include "http/admin_extra_routes.h"
#include "http/admin_lifecycle_routes.h"

namespace rtc {

void admin_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

namespace {

bool is_loopback(const std::string& addr) {
    return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0;
}

}  // namespace

bool admin_admitted(const httplib::Request& req, httplib::Response& res, const ServerOptions& options) {
    if (!options.admin_token.empty()) {
        if (req.get_header_value("Authorization") == "Bearer " + options.admin_token) return true;
        admin_json(res, 401, {{"error", "the admin API needs Authorization: Bearer <admin token>"}});
        return false;
    }
    if (is_loopback(req.remote_addr)) return true;
    admin_json(
        res, 403,
        {{"error", "the admin API answers loopback clients only (start with --admin-token to open it)"}});
    return false;
}

namespace {

nlohmann::json parse_body(const httplib::Request& req, httplib::Response& res, bool& ok) {
    ok = true;
    if (req.body.empty()) return nlohmann::json::object();
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        admin_json(res, 400, {{"error", "the body must be a JSON object"}});
        ok = false;
    }
    return j;
}

}  // namespace

void install_admin_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    auto guard = [&options](auto handler) {
        return [&options, handler](const httplib::Request& req, httplib::Response& res) {
            if (admin_admitted(req, res, options)) handler(req, res);
        };
    };

    server.Get("/_mock/health", guard([](const httplib::Request&, httplib::Response& res) {
                   admin_json(res, 200, {{"status", "ok"}});
               }));

    server.Post("/_mock/reset", guard([&service](const httplib::Request&, httplib::Response& res) {
                    service.reset();
                    admin_json(res, 200, {{"status", "reset"}});
                }));

    server.Get("/_mock/clock", guard([&service](const httplib::Request&, httplib::Response& res) {
                   admin_json(
                       res, 200,
                       {{"NowMs", service.clock().now_ms()}, {"Virtual", service.clock().is_virtual()}});
               }));

    server.Post(
        "/_mock/clock/advance", guard([&service](const httplib::Request& req, httplib::Response& res) {
            bool ok;
            auto body = parse_body(req, res, ok);
            if (!ok) return;
            auto it = body.find("Seconds");
            if (it == body.end() || !it->is_number() || it->get<double>() < 0 ||
                it->get<double>() > 10.0 * 365 * 86400) {
                admin_json(res, 400, {{"error", "Seconds must be a number in [0, 315360000]"}});
                return;
            }
            service.scheduler().advance(static_cast<TimeMs>(it->get<double>() * 1000.0));
            admin_json(res, 200,
                       {{"NowMs", service.clock().now_ms()}, {"Virtual", service.clock().is_virtual()}});
        }));

    install_lifecycle_routes(server, service, options);
    install_journal_routes(server, service, options);
    install_fault_routes(server, service, options);
    install_state_routes(server, service, options);
    install_metrics_routes(server, service, options);
}

}  // namespace rtc
