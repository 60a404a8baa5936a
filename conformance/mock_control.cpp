#include "conformance/mock_control.h"

#include <httplib.h>

#include "core/admin/app_settings.h"
#include "core/service.h"

namespace rtc::conformance {

namespace {

class InProcessMock final : public MockControl {
  public:
    InProcessMock(const Config& config, std::shared_ptr<Clock> clock) : service_(config, std::move(clock)) {}
    ~InProcessMock() override { service_.shutdown(); }

    ApiResponse forward(const ApiRequest& req) override { return service_.handle(req); }
    void reset() override { service_.reset(); }
    // The same change, with the same checks, as PUT /_mock/apps/{AppId} on a running mock.
    std::string put_app(const std::string& app_id, const nlohmann::json& settings) override {
        AppChange change = change_app(service_.console(), service_.callbacks().store(), service_.config(),
                                      app_id, settings, service_.clock().now_ms());
        if (change.status >= 400) return "app " + app_id + ": " + change.error;
        return "";
    }
    std::string describe() const override { return "in-process rtc-mock"; }

  private:
    MockService service_;
};

class HttpMock final : public MockControl {
  public:
    HttpMock(const std::string& url, const std::string& token) : url_(url), client_(url) {
        client_.set_connection_timeout(5);
        client_.set_read_timeout(30);
        if (!token.empty()) admin_.emplace("Authorization", "Bearer " + token);
    }

    ApiResponse forward(const ApiRequest& req) override {
        httplib::Headers h;
        std::string type = "application/json";
        for (const auto& hd : req.headers) {
            if (iequals(hd.name, "Content-Length") || iequals(hd.name, "Connection") ||
                iequals(hd.name, "Transfer-Encoding"))
                continue;
            if (iequals(hd.name, "Content-Type")) {
                type = hd.value;
                continue;
            }
            h.emplace(hd.name, hd.value);
        }
        const std::string target = req.path + (req.raw_query.empty() ? "" : "?" + req.raw_query);
        httplib::Result r = req.method == "GET" ? client_.Get(target.c_str(), h)
                                                : client_.Post(target.c_str(), h, req.body, type.c_str());
        ApiResponse out;
        if (!r) {
            out.status = 502;
            out.body = "{\"error\":\"the mock at " + url_ +
                       " did not answer: " + httplib::to_string(r.error()) + "\"}";
            return out;
        }
        out.status = r->status;
        out.body = r->body;
        std::string ra = r->get_header_value("Retry-After");
        if (!ra.empty()) out.headers.push_back({"Retry-After", ra});
        return out;
    }
    void reset() override { client_.Post("/_mock/reset", admin_, "{}", "application/json"); }
    std::string put_app(const std::string& app_id, const nlohmann::json& settings) override {
        auto r = client_.Put(("/_mock/apps/" + app_id).c_str(), admin_, settings.dump(), "application/json");
        if (!r) return "PUT /_mock/apps/" + app_id + ": " + httplib::to_string(r.error());
        if (r->status != 200) return "PUT /_mock/apps/" + app_id + " -> HTTP " + std::to_string(r->status);
        return "";
    }
    std::string describe() const override { return "rtc-mock at " + url_; }

  private:
    std::string url_;
    httplib::Client client_;
    httplib::Headers admin_;
};

}  // namespace

std::unique_ptr<MockControl> make_in_process_mock(const Config& config, std::shared_ptr<Clock> clock) {
    return std::make_unique<InProcessMock>(config, std::move(clock));
}

std::unique_ptr<MockControl> make_http_mock(const std::string& url, const std::string& admin_token) {
    return std::make_unique<HttpMock>(url, admin_token);
}

}  // namespace rtc::conformance
