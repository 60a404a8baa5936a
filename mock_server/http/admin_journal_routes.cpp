// GET/DELETE /_mock/requests, GET /_mock/requests/{Seq}, GET /_mock/requests/count, POST
// /_mock/requests/verify.
#include "http/admin_routes.h"

namespace rtc {

namespace {

// The filter of the query string; answers 400 and returns false on a bad one.
bool query_filter(const httplib::Request& req, httplib::Response& res, JournalFilter& filter) {
    if (auto bad = admin::parse_journal_filter(admin_query(req), filter)) {
        admin_json(res, 400, {{"error", *bad}});
        return false;
    }
    return true;
}

// {"Filter":{"action":"StartWebcast","code":"ok"}, "Count":2 | "AtLeast":1 | "AtMost":0}: false (and 400
// answered) on a bad body.
bool verify_body(const nlohmann::json& body, httplib::Response& res, JournalFilter& filter,
                 admin::CountBounds& bounds) {
    for (const auto& item : body.items()) {
        if (item.key() != "Filter" && item.key() != "Count" && item.key() != "AtLeast" &&
            item.key() != "AtMost") {
            admin_json(
                res, 400,
                {{"error", "unknown field " + item.key() + " (fields: Filter, Count, AtLeast, AtMost)"}});
            return false;
        }
    }
    admin::QueryPairs params;
    if (body.contains("Filter")) {
        const auto& f = body.at("Filter");
        if (!f.is_object()) {
            admin_json(res, 400,
                       {{"error", "Filter must be an object of the filters of GET /_mock/requests"}});
            return false;
        }
        for (const auto& item : f.items()) {
            if (item.value().is_string()) {
                params.emplace_back(item.key(), item.value().get<std::string>());
            } else if (item.value().is_number_unsigned()) {
                params.emplace_back(item.key(), std::to_string(item.value().get<std::uint64_t>()));
            } else {
                admin_json(res, 400,
                           {{"error", "Filter." + item.key() + " must be a string or a whole number"}});
                return false;
            }
        }
    }
    if (auto bad = admin::parse_journal_filter(params, filter)) {
        admin_json(res, 400, {{"error", "Filter: " + *bad}});
        return false;
    }
    const std::pair<const char*, std::optional<std::uint64_t>*> fields[] = {
        {"Count", &bounds.count}, {"AtLeast", &bounds.at_least}, {"AtMost", &bounds.at_most}};
    for (const auto& [name, slot] : fields) {
        if (!body.contains(name)) continue;
        const auto& v = body.at(name);
        if (!v.is_number_unsigned()) {
            admin_json(res, 400, {{"error", std::string(name) + " must be a whole number >= 0"}});
            return false;
        }
        *slot = v.get<std::uint64_t>();
    }
    return true;
}

}  // namespace

void install_journal_routes(httplib::Server& server, admin::Admin& admin, const ServerOptions& options) {
    server.Get("/_mock/requests",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   JournalFilter filter;
                   if (query_filter(req, res, filter)) admin_reply(res, admin.requests(filter));
               }));

    // One entry by its Seq (the inspector fetches a row's details when it is opened).
    server.Get(R"(/_mock/requests/(\d{1,19}))",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   admin_reply(res, admin.request(std::stoull(req.matches[1])));
               }));

    server.Get("/_mock/requests/count",
               admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                   JournalFilter filter;
                   if (query_filter(req, res, filter)) admin_reply(res, admin.count_requests(filter));
               }));

    server.Delete("/_mock/requests",
                  admin_guarded(options, [&admin](const httplib::Request&, httplib::Response& res) {
                      admin_reply(res, admin.clear_requests());
                  }));

    // -> 200 {"Ok":true,"Count":n}, or 409 {"Ok":false,"Count":n,"error":"..."} when the count is off.
    server.Post("/_mock/requests/verify",
                admin_guarded(options, [&admin](const httplib::Request& req, httplib::Response& res) {
                    nlohmann::json body;
                    if (!admin_body(req, res, body)) return;
                    JournalFilter filter;
                    admin::CountBounds bounds;
                    if (verify_body(body, res, filter, bounds))
                        admin_reply(res, admin.verify_requests(filter, bounds));
                }));
}

}  // namespace rtc
