#include "conformance/mock_target.h"

#include <httplib.h>

#include "core/service.h"
#include "http/admin_client.h"

namespace rtc::conformance {

namespace {

class InProcessMock final : public MockTarget {
  public:
    InProcessMock(const Config& config, std::shared_ptr<Clock> clock)
        : service_(config, deps(std::move(clock))) {}
    ~InProcessMock() override { service_.shutdown(); }

    ApiResponse forward(const ApiRequest& req) override { return service_.handle(req); }
    admin::Admin& admin() override { return service_.admin(); }
    std::string describe() const override { return "in-process rtc-mock"; }

  private:
    static ServiceDeps deps(std::shared_ptr<Clock> clock) {
        ServiceDeps d;
        d.clock = std::move(clock);
        return d;
    }
    MockService service_;
};

class HttpMock final : public MockTarget {
  public:
    HttpMock(const std::string& url, const std::string& token) : url_(url), client_(url), admin_(url, token) {
        client_.set_connection_timeout(5);
        client_.set_read_timeout(30);
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
    admin::Admin& admin() override { return admin_; }
    std::string describe() const override { return "rtc-mock at " + url_; }

  private:
    std::string url_;
    httplib::Client client_;
    HttpAdmin admin_;
};

}  // namespace

std::unique_ptr<MockTarget> make_in_process_mock(const Config& config, std::shared_ptr<Clock> clock) {
    return std::make_unique<InProcessMock>(config, std::move(clock));
}

std::unique_ptr<MockTarget> make_http_mock(const std::string& url, const std::string& admin_token) {
    return std::make_unique<HttpMock>(url, admin_token);
}

}  // namespace rtc::conformance
