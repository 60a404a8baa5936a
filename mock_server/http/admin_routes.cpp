#include "http/admin_routes.h"

#include "core/state/unavailable.h"

namespace rtc {

void admin_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void admin_reply(httplib::Response& res, const admin::Reply& reply) {
    admin_json(res, admin::http_status(reply.status), reply.body);
}

admin::QueryPairs admin_query(const httplib::Request& req) {
    return {req.params.begin(), req.params.end()};
}

namespace {

bool is_loopback(const std::string& addr) {
    return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0;
}

}  // namespace

std::string admin_refusal(const std::string& remote_addr) {
    return "the admin API answers loopback clients only, and this request came from " + remote_addr +
           ": to allow it, start rtc-mock with --admin-token TOKEN (or RTC_MOCK_ADMIN_TOKEN=TOKEN) and send "
           "Authorization: Bearer TOKEN";
}

bool admin_admitted(const httplib::Request& req, httplib::Response& res, const ServerOptions& options) {
    if (!options.admin_token.empty()) {
        if (req.get_header_value("Authorization") == "Bearer " + options.admin_token) return true;
        admin_json(res, 401, {{"error", "the admin API needs Authorization: Bearer <admin token>"}});
        return false;
    }
    if (is_loopback(req.remote_addr)) return true;
    admin_json(res, 403, {{"error", admin_refusal(req.remote_addr)}});
    return false;
}

httplib::Server::Handler admin_guarded(const ServerOptions& options, AdminHandler handler) {
    return [&options, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        if (!admin_admitted(req, res, options)) return;
        try {
            handler(req, res);
        } catch (const state::Unavailable& e) {
            admin_json(res, 503, {{"error", e.what()}});
        }
    };
}

bool admin_body(const httplib::Request& req, httplib::Response& res, nlohmann::json& out) {
    if (req.body.empty()) {
        out = nlohmann::json::object();
        return true;
    }
    out = nlohmann::json::parse(req.body, nullptr, false);
    if (out.is_discarded() || !out.is_object()) {
        admin_json(res, 400, {{"error", "the body must be a JSON object"}});
        return false;
    }
    return true;
}

void install_admin_routes(httplib::Server& server, admin::LiveAdmin& admin, const ServerOptions& options) {
    server.Get("/_mock/health",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.health());
               }));

    server.Get("/_mock/ready",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.ready());
               }));

    server.Post("/_mock/reset",
                admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                    admin_reply(res, admin.reset());
                }));

    server.Get("/_mock/clock",
               admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                   admin_reply(res, admin.clock());
               }));

    server.Post("/_mock/clock/advance",
                admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                    nlohmann::json body;
                    if (!admin_body(req, res, body)) return;
                    auto it = body.find("Seconds");
                    if (it == body.end() || !it->is_number()) {
                        admin_json(res, 400, {{"error", "Seconds must be a number in [0, 315360000]"}});
                        return;
                    }
                    admin_reply(res, admin.advance_clock(it->get<double>()));
                }));

    install_lifecycle_routes(server, admin, options);
    install_callback_routes(server, admin, options);
    install_screenshot_route(server, admin, options);
    install_recording_route(server, admin, options);
    install_journal_routes(server, admin, options);
    install_fault_routes(server, admin, options);
    install_state_routes(server, admin, options);
    install_metrics_routes(server, admin, options);
}

}  // namespace rtc
