// The admin front door over HTTP: admin::Admin implemented by calling a running rtc-mock's `/_mock/` API
// (docs/admin-api.md), as WireMock's HTTP client implements its Admin. A test or a harness drives a remote
// mock exactly as an in-process one (MockService::admin()). A mock that does not answer gives
// Status::Unavailable with the transport's error.
#pragma once

#include <memory>
#include <string>

#include "core/admin/admin.h"

namespace httplib {
class Client;
}

namespace rtc {

class HttpAdmin final : public admin::Admin {
  public:
    // `url`: http://HOST:PORT of the mock; `token`: its --admin-token, if it has one.
    HttpAdmin(const std::string& url, const std::string& token = "");
    ~HttpAdmin() override;

    admin::Reply health() override;
    admin::Reply ready() override;
    admin::Reply export_state() override;
    admin::Reply import_state(const nlohmann::json& document) override;
    admin::Reply reset() override;
    admin::Reply clock() override;
    admin::Reply advance_clock(double seconds) override;
    admin::Reply requests(const JournalFilter& filter) override;
    admin::Reply request(std::uint64_t seq) override;
    admin::Reply count_requests(const JournalFilter& filter) override;
    admin::Reply verify_requests(const JournalFilter& filter, const admin::CountBounds& bounds) override;
    admin::Reply clear_requests() override;
    admin::Reply add_fault(const nlohmann::json& rule) override;
    admin::Reply faults() override;
    admin::Reply fault(const std::string& id) override;
    admin::Reply remove_fault(const std::string& id) override;
    admin::Reply clear_faults() override;
    admin::Reply deliveries(const callbacks::AttemptQuery& query) override;
    admin::Reply resend(const std::string& delivery_id) override;
    admin::Reply app_callback(const std::string& app_id, const std::string& business_id) override;
    admin::Reply put_app_callback(const std::string& app_id, const std::string& business_id,
                                  const nlohmann::json& callback) override;
    admin::Reply delete_app_callback(const std::string& app_id, const std::string& business_id) override;
    admin::Reply test_callback(const std::string& app_id, const std::string& business_id,
                               const nlohmann::json& body) override;
    admin::Reply apps() override;
    admin::Reply app(const std::string& app_id) override;
    admin::Reply change_app(const std::string& app_id, const nlohmann::json& change) override;
    admin::Reply tasks() override;
    admin::Reply page_event(const webcast::TaskKey& key, const std::string& event) override;
    admin::Reply task_events(const std::string& family, const webcast::TaskKey& key) override;
    admin::Screenshot screenshot(const webcast::TaskKey& key) override;
    admin::Recording recording(const webcast::TaskKey& key) override;
    admin::Reply state() override;
    std::string metrics() override;

  private:
    struct Answer {
        int status = 0;  // 0: no answer
        std::string body;
        std::string error;  // the transport's, when no answer
    };
    Answer call(const char* method, const std::string& path, const nlohmann::json* body = nullptr);
    // A file the admin API answers (a screenshot, a recording) into `body`, or the failure.
    admin::Reply file(const std::string& path, std::string* body);
    admin::Reply reply(const char* method, const std::string& path, const nlohmann::json* body = nullptr);

    std::string url_;
    std::unique_ptr<httplib::Client> client_;
    std::string token_;
};

}  // namespace rtc
