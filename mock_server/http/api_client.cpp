#include "http/api_client.h"

#include <httplib.h>

namespace rtc {

std::string ApiReply::error_code() const {
    if (!json.is_object()) return "";
    auto md = json.find("ResponseMetadata");
    if (md == json.end() || !md->is_object()) return "";
    auto err = md->find("Error");
    if (err == md->end() || !err->is_object()) return "";
    return err->value("Code", "");
}

namespace {
std::string host_of(const std::string& endpoint) {
    std::string rest = endpoint;
    auto scheme = rest.find("://");
    if (scheme != std::string::npos) rest = rest.substr(scheme + 3);
    auto slash = rest.find('/');
    if (slash != std::string::npos) rest = rest.substr(0, slash);
    return rest;
}
// Query parameter values as strings: numbers and booleans as JSON prints them.
std::string param_text(const nlohmann::json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}
}  // namespace

ApiClient::ApiClient(const std::string& endpoint, signing::Credentials creds, signing::Scope scope)
    : http_(std::make_unique<httplib::Client>(endpoint)),
      host_(host_of(endpoint)),
      creds_(std::move(creds)),
      scope_(std::move(scope)) {
    http_->set_tcp_nodelay(true);
    http_->set_keep_alive(true);
    http_->set_connection_timeout(5);
    http_->set_read_timeout(30);
}

ApiClient::~ApiClient() = default;

void ApiClient::set_timeout_ms(int ms) {
    http_->set_read_timeout(ms / 1000, (ms % 1000) * 1000);
}

signing::OutgoingRequest ApiClient::build(const ApiCall& call) const {
    signing::OutgoingRequest req;
    req.method = call.method;
    req.host = host_;
    req.query.emplace_back("Action", call.action);
    req.query.emplace_back("Version", call.version);
    auto add_query = [&req](const nlohmann::json& params) {
        if (!params.is_object()) return;
        for (auto it = params.begin(); it != params.end(); ++it) {
            if (it->is_array())
                for (const auto& v : *it) req.query.emplace_back(it.key(), param_text(v));
            else
                req.query.emplace_back(it.key(), param_text(*it));
        }
    };
    add_query(call.query);
    if (call.method == "GET") {
        add_query(call.params);
    } else {
        req.body = call.use_raw_body ? call.raw_body : call.params.dump();
        req.headers.push_back({"Content-Type", "application/json"});
    }
    return req;
}

ApiReply ApiClient::call(const ApiCall& call, TimeMs at) {
    signing::OutgoingRequest req = build(call);
    signing::SignedOutput out = query_form_ ? signing::sign_query(req, creds_, scope_, at, expires_)
                                            : signing::sign_headers(req, creds_, scope_, at, convention_);
    return send(req.method, out.query, out.headers, req.body);
}

ApiReply ApiClient::send(const std::string& method, const std::string& query,
                         const std::vector<Header>& headers, const std::string& body) {
    httplib::Headers h;
    std::string content_type = "application/json";
    for (const auto& hd : headers) {
        if (iequals(hd.name, "Content-Type")) {
            content_type = hd.value;
            continue;
        }
        if (iequals(hd.name, "Host")) {
            h.emplace("Host", hd.value);
            continue;
        }
        h.emplace(hd.name, hd.value);
    }
    const std::string path = "/?" + query;
    httplib::Result res = method == "GET"      ? http_->Get(path.c_str(), h)
                          : method == "POST"   ? http_->Post(path.c_str(), h, body, content_type.c_str())
                          : method == "PUT"    ? http_->Put(path.c_str(), h, body, content_type.c_str())
                          : method == "DELETE" ? http_->Delete(path.c_str(), h, body, content_type.c_str())
                                               : http_->Patch(path.c_str(), h, body, content_type.c_str());
    ApiReply reply;
    if (!res) {
        reply.transport_error = httplib::to_string(res.error());
        return reply;
    }
    reply.http_status = res->status;
    reply.body = res->body;
    reply.retry_after = res->get_header_value("Retry-After");
    reply.json = nlohmann::json::parse(res->body, nullptr, false);
    if (reply.json.is_discarded()) reply.json = nullptr;
    return reply;
}

}  // namespace rtc
