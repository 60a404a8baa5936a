// GET/DELETE /_mock/requests, GET /_mock/requests/{Seq}, GET /_mock/requests/count, POST
// /_mock/requests/verify.
#include "core/admin/state_views.h"
#include "http/admin_routes.h"

namespace rtc {

namespace {

std::vector<std::pair<std::string, std::string>> params_of(const httplib::Request& req) {
    return {req.params.begin(), req.params.end()};
}

// The filter of the query string; answers 400 and returns false on a bad one.
bool query_filter(const httplib::Request& req, httplib::Response& res, JournalFilter& filter) {
    if (auto bad = parse_journal_filter(params_of(req), filter)) {
        admin_json(res, 400, {{"error", *bad}});
        return false;
    }
    return true;
}

}  // namespace

void install_journal_routes(httplib::Server& server, MockService& service, const ServerOptions& options) {
    server.Get("/_mock/requests",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   JournalFilter filter;
                   if (!query_filter(req, res, filter)) return;
                   admin_json(res, 200, journal_page_json(service.journal().query(filter)));
               }));

    // One entry by its Seq (the inspector fetches a row's details when it is opened).
    server.Get(R"(/_mock/requests/(\d{1,19}))",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   const std::string seq = req.matches[1];
                   auto entry = service.journal().at(std::stoull(seq));
                   if (!entry) {
                       admin_json(res, 404,
                                  {{"error", "no journal entry " + seq +
                                                 " (never recorded, evicted by the bound, or cleared)"}});
                       return;
                   }
                   admin_json(res, 200, entry->to_json());
               }));

    server.Get("/_mock/requests/count",
               admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
                   JournalFilter filter;
                   if (!query_filter(req, res, filter)) return;
                   if (filter.limit) {
                       admin_json(res, 400, {{"error", "limit does not apply to a count"}});
                       return;
                   }
                   admin_json(res, 200, {{"Count", service.journal().count(filter)}});
               }));

    server.Delete("/_mock/requests",
                  admin_guarded(options, [&service](const httplib::Request&, httplib::Response& res) {
                      service.journal().clear();
                      admin_json(res, 200, {{"status", "cleared"}});
                  }));

    // {"Filter":{"action":"StartWebcast","code":"ok"}, "Count":2 | "AtLeast":1 | "AtMost":0}
    // -> 200 {"Ok":true,"Count":n}, or 409 {"Ok":false,"Count":n,"error":"..."} when the count is off.
    server.Post(
        "/_mock/requests/verify",
        admin_guarded(options, [&service](const httplib::Request& req, httplib::Response& res) {
            nlohmann::json body;
            if (!admin_body(req, res, body)) return;
            for (const auto& item : body.items()) {
                if (item.key() != "Filter" && item.key() != "Count" && item.key() != "AtLeast" &&
                    item.key() != "AtMost") {
                    admin_json(res, 400,
                               {{"error", "unknown field " + item.key() +
                                              " (fields: Filter, Count, AtLeast, AtMost)"}});
                    return;
                }
            }
            std::vector<std::pair<std::string, std::string>> params;
            if (body.contains("Filter")) {
                const auto& f = body.at("Filter");
                if (!f.is_object()) {
                    admin_json(res, 400,
                               {{"error", "Filter must be an object of the filters of GET /_mock/requests"}});
                    return;
                }
                for (const auto& item : f.items()) {
                    if (item.value().is_string())
                        params.emplace_back(item.key(), item.value().get<std::string>());
                    else if (item.value().is_number_unsigned())
                        params.emplace_back(item.key(), std::to_string(item.value().get<std::uint64_t>()));
                    else {
                        admin_json(
                            res, 400,
                            {{"error", "Filter." + item.key() + " must be a string or a whole number"}});
                        return;
                    }
                }
            }
            JournalFilter filter;
            if (auto bad = parse_journal_filter(params, filter)) {
                admin_json(res, 400, {{"error", "Filter: " + *bad}});
                return;
            }
            int given = 0;
            std::int64_t bounds[3] = {-1, -1, -1};  // Count, AtLeast, AtMost
            const char* names[3] = {"Count", "AtLeast", "AtMost"};
            for (int i = 0; i < 3; ++i) {
                if (!body.contains(names[i])) continue;
                const auto& v = body.at(names[i]);
                if (!v.is_number_unsigned()) {
                    admin_json(res, 400, {{"error", std::string(names[i]) + " must be a whole number >= 0"}});
                    return;
                }
                bounds[i] = static_cast<std::int64_t>(v.get<std::uint64_t>());
                ++given;
            }
            if (given == 0 || (bounds[0] >= 0 && given > 1)) {
                admin_json(res, 400, {{"error", "give Count, or AtLeast and/or AtMost"}});
                return;
            }
            const auto n = static_cast<std::int64_t>(service.journal().count(filter));
            std::string expected;
            if (bounds[0] >= 0 && n != bounds[0]) expected = "exactly " + std::to_string(bounds[0]);
            if (bounds[1] >= 0 && n < bounds[1]) expected = "at least " + std::to_string(bounds[1]);
            if (bounds[2] >= 0 && n > bounds[2]) expected = "at most " + std::to_string(bounds[2]);
            if (expected.empty()) {
                admin_json(res, 200, {{"Ok", true}, {"Count", n}});
            } else {
                admin_json(
                    res, 409,
                    {{"Ok", false},
                     {"Count", n},
                     {"error", "expected " + expected + " matching requests, found " + std::to_string(n)}});
            }
        }));
}

}  // namespace rtc
