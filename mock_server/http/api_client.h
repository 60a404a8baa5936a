// A small signed client of the API over cpp-httplib: the tests, the reference conformance client and
// rtc-bench all call the mock through this, on the project's one signer.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/signing/signer.h"

namespace httplib {
class Client;
}

namespace rtc {

struct ApiCall {
    std::string action;
    std::string version = "2020-12-01";
    std::string method = "POST";
    nlohmann::json params = nlohmann::json::object();  // POST: the JSON body; GET: query parameters
    // More query parameters, after Action and Version: a POST action's parameters that travel in the query
    // string (DeleteCallback's AppId and BusinessId, docs/service-facts.md §5).
    nlohmann::json query = nlohmann::json::object();
    std::string raw_body;  // POST: sent as is when set (malformed-body tests)
    bool use_raw_body = false;
};

struct ApiReply {
    int http_status = 0;  // 0: no response (connection error)
    std::string transport_error;
    std::string body;
    nlohmann::json json;  // the parsed body, or null
    std::string retry_after;
    // ResponseMetadata.Error.Code, or "" on success.
    std::string error_code() const;
};

class ApiClient {
  public:
    // endpoint: "http://127.0.0.1:8080"
    ApiClient(const std::string& endpoint, signing::Credentials creds, signing::Scope scope = {});
    ~ApiClient();
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;

    // Signs with the clock's time (pass the mock's time under a virtual clock) and sends.
    ApiReply call(const ApiCall& call, TimeMs at);
    void set_convention(signing::HeaderConvention c) { convention_ = c; }
    void set_query_form(bool on, long long expires_seconds = 900) {
        query_form_ = on;
        expires_ = expires_seconds;
    }
    void set_timeout_ms(int ms);
    const std::string& host_header() const { return host_; }

    // Builds the outgoing request of a call (for tests that tamper with it before sending).
    signing::OutgoingRequest build(const ApiCall& call) const;
    // Sends an already-built request with these headers and this query string.
    ApiReply send(const std::string& method, const std::string& query, const std::vector<Header>& headers,
                  const std::string& body);

  private:
    std::unique_ptr<httplib::Client> http_;
    std::string host_;
    signing::Credentials creds_;
    signing::Scope scope_;
    signing::HeaderConvention convention_ = signing::HeaderConvention::GoPythonJava;
    bool query_form_ = false;
    long long expires_ = 900;
};

}  // namespace rtc
