#include "http/admin_extra_routes.h"

#include "http/admin_routes.h"

namespace rtc {

httplib::Server::Handler admin_guarded(const ServerOptions& options, AdminHandler handler) {
    return [&options, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        if (admin_admitted(req, res, options)) handler(req, res);
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

}  // namespace rtc
