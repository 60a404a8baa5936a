#include "http/admin_client.h"

#include <httplib.h>

#include "core/admin/queries.h"

namespace rtc {

namespace {

// `?a=1&b=2`, each value escaped for a query string ("" when there is none).
std::string query_of(const admin::QueryPairs& params) {
    std::string q;
    for (const auto& [k, v] : params)
        q += (q.empty() ? "?" : "&") + k + "=" + httplib::detail::encode_query_param(v);
    return q;
}

std::string segment(const std::string& s) {
    return httplib::detail::encode_query_param(s);
}

std::string task_path(const std::string& family, const webcast::TaskKey& key) {
    return "/_mock/tasks/" + family + "/" + segment(key.app_id) + "/" + segment(key.room_id) + "/" +
           segment(key.task_id);
}

std::string business_query(const std::string& business_id) {
    return business_id.empty() ? "" : "?BusinessId=" + segment(business_id);
}

}  // namespace

HttpAdmin::HttpAdmin(const std::string& url, const std::string& token)
    : url_(url), client_(std::make_unique<httplib::Client>(url)), token_(token) {
    client_->set_connection_timeout(5);
    client_->set_read_timeout(30);
}

HttpAdmin::~HttpAdmin() = default;

HttpAdmin::Answer HttpAdmin::call(const char* method, const std::string& path, const nlohmann::json* body) {
    httplib::Headers headers;
    if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
    const std::string text = body ? body->dump() : "";
    const std::string m = method;
    httplib::Result r = m == "GET"      ? client_->Get(path.c_str(), headers)
                        : m == "DELETE" ? client_->Delete(path.c_str(), headers)
                        : m == "PUT"    ? client_->Put(path.c_str(), headers, text, "application/json")
                                        : client_->Post(path.c_str(), headers, text, "application/json");
    if (!r) return Answer{0, "", "the mock at " + url_ + " did not answer: " + httplib::to_string(r.error())};
    return Answer{r->status, r->body, ""};
}

admin::Reply HttpAdmin::reply(const char* method, const std::string& path, const nlohmann::json* body) {
    Answer a = call(method, path, body);
    if (a.status == 0) return admin::Reply::failure(admin::Status::Unavailable, a.error);
    nlohmann::json doc = nlohmann::json::parse(a.body, nullptr, false);
    if (doc.is_discarded())
        return admin::Reply::failure(
            admin::Status::Unavailable,
            std::string(method) + " " + path + " -> HTTP " + std::to_string(a.status) + ", not JSON");
    return admin::Reply{admin::status_of(a.status), std::move(doc)};
}

admin::Reply HttpAdmin::health() {
    return reply("GET", "/_mock/health");
}

admin::Reply HttpAdmin::ready() {
    return reply("GET", "/_mock/ready");
}

admin::Reply HttpAdmin::export_state() {
    return reply("GET", "/_mock/state/export");
}

admin::Reply HttpAdmin::import_state(const nlohmann::json& document) {
    return reply("POST", "/_mock/state/import", &document);
}

admin::Reply HttpAdmin::reset() {
    return reply("POST", "/_mock/reset");
}

admin::Reply HttpAdmin::clock() {
    return reply("GET", "/_mock/clock");
}

admin::Reply HttpAdmin::advance_clock(double seconds) {
    const nlohmann::json body = {{"Seconds", seconds}};
    return reply("POST", "/_mock/clock/advance", &body);
}

admin::Reply HttpAdmin::requests(const JournalFilter& filter) {
    return reply("GET", "/_mock/requests" + query_of(admin::journal_filter_params(filter)));
}

admin::Reply HttpAdmin::request(std::uint64_t seq) {
    return reply("GET", "/_mock/requests/" + std::to_string(seq));
}

admin::Reply HttpAdmin::count_requests(const JournalFilter& filter) {
    return reply("GET", "/_mock/requests/count" + query_of(admin::journal_filter_params(filter)));
}

admin::Reply HttpAdmin::verify_requests(const JournalFilter& filter, const admin::CountBounds& bounds) {
    nlohmann::json f = nlohmann::json::object();
    for (const auto& [k, v] : admin::journal_filter_params(filter)) f[k] = v;
    nlohmann::json body = {{"Filter", f}};
    if (bounds.count) body["Count"] = *bounds.count;
    if (bounds.at_least) body["AtLeast"] = *bounds.at_least;
    if (bounds.at_most) body["AtMost"] = *bounds.at_most;
    return reply("POST", "/_mock/requests/verify", &body);
}

admin::Reply HttpAdmin::clear_requests() {
    return reply("DELETE", "/_mock/requests");
}

admin::Reply HttpAdmin::add_fault(const nlohmann::json& rule) {
    return reply("POST", "/_mock/faults", &rule);
}

admin::Reply HttpAdmin::faults() {
    return reply("GET", "/_mock/faults");
}

admin::Reply HttpAdmin::fault(const std::string& id) {
    return reply("GET", "/_mock/faults/" + segment(id));
}

admin::Reply HttpAdmin::remove_fault(const std::string& id) {
    return reply("DELETE", "/_mock/faults/" + segment(id));
}

admin::Reply HttpAdmin::clear_faults() {
    return reply("DELETE", "/_mock/faults");
}

admin::Reply HttpAdmin::deliveries(const callbacks::AttemptQuery& query) {
    return reply("GET", "/_mock/callbacks" + query_of(admin::attempt_query_params(query)));
}

admin::Reply HttpAdmin::resend(const std::string& delivery_id) {
    return reply("POST", "/_mock/callbacks/" + segment(delivery_id) + "/resend");
}

admin::Reply HttpAdmin::app_callback(const std::string& app_id, const std::string& business_id) {
    return reply("GET", "/_mock/apps/" + segment(app_id) + "/callback" + business_query(business_id));
}

admin::Reply HttpAdmin::put_app_callback(const std::string& app_id, const std::string& business_id,
                                         const nlohmann::json& callback) {
    return reply("PUT", "/_mock/apps/" + segment(app_id) + "/callback" + business_query(business_id),
                 &callback);
}

admin::Reply HttpAdmin::delete_app_callback(const std::string& app_id, const std::string& business_id) {
    return reply("DELETE", "/_mock/apps/" + segment(app_id) + "/callback" + business_query(business_id));
}

admin::Reply HttpAdmin::test_callback(const std::string& app_id, const std::string& business_id,
                                      const nlohmann::json& body) {
    return reply("POST", "/_mock/apps/" + segment(app_id) + "/callback/test" + business_query(business_id),
                 &body);
}

admin::Reply HttpAdmin::apps() {
    return reply("GET", "/_mock/apps");
}

admin::Reply HttpAdmin::app(const std::string& app_id) {
    return reply("GET", "/_mock/apps/" + segment(app_id));
}

admin::Reply HttpAdmin::change_app(const std::string& app_id, const nlohmann::json& change) {
    return reply("PUT", "/_mock/apps/" + segment(app_id), &change);
}

admin::Reply HttpAdmin::tasks() {
    return reply("GET", "/_mock/tasks");
}

admin::Reply HttpAdmin::page_event(const webcast::TaskKey& key, const std::string& event) {
    const nlohmann::json body = {{"Event", event}};
    return reply("POST", task_path("webcast", key) + "/events", &body);
}

admin::Reply HttpAdmin::task_events(const std::string& family, const webcast::TaskKey& key) {
    return reply("GET", task_path(family, key) + "/events");
}

admin::Reply HttpAdmin::file(const std::string& path, std::string* body) {
    Answer a = call("GET", path);
    if (a.status == 200) {
        *body = std::move(a.body);
        return admin::Reply{};
    }
    if (a.status == 0) return admin::Reply::failure(admin::Status::Unavailable, a.error);
    nlohmann::json doc = nlohmann::json::parse(a.body, nullptr, false);
    return admin::Reply{admin::status_of(a.status), doc.is_discarded() ? nlohmann::json(nullptr) : doc};
}

admin::Screenshot HttpAdmin::screenshot(const webcast::TaskKey& key) {
    admin::Screenshot out;
    out.reply = file(task_path("webcast", key) + "/screenshot", &out.png);
    return out;
}

admin::Recording HttpAdmin::recording(const webcast::TaskKey& key) {
    admin::Recording out;
    out.reply = file(task_path("webcast", key) + "/recording", &out.webm);
    return out;
}

admin::Reply HttpAdmin::state() {
    return reply("GET", "/_mock/state");
}

std::string HttpAdmin::metrics() {
    Answer a = call("GET", "/_mock/metrics");
    return a.status == 200 ? a.body : "";
}

}  // namespace rtc
