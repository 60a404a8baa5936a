// The mock service without HTTP: one call takes a request and gives the response the real service would.
// MockService runs the pipeline (route, authenticate, inject faults, throttle, act, answer, journal) over the
// mock's parts (core/service_parts.h), and is the admin front door to them (admin()).
#pragma once

#include <memory>
#include <string>

#include "core/admin/admin.h"
#include "core/config.h"
#include "core/request.h"
#include "core/service_parts.h"

namespace rtc {

namespace admin {
class ServiceAdmin;
}

class MockService {
  public:
    // A mock that owns its parts. Throws ConfigError (check_config).
    MockService(Config config, ServiceDeps deps);
    // A mock over parts the caller owns (the unit tests reach into them); they must outlive it.
    explicit MockService(ServiceParts& parts);
    ~MockService();
    MockService(const MockService&) = delete;
    MockService& operator=(const MockService&) = delete;

    ApiResponse handle(const ApiRequest& req);
    // The same; the journal keeps the request's headers, query and body without copying them.
    ApiResponse handle(ApiRequest&& req);
    // An error answer built outside handle() (the HTTP layer's body-size limit): enveloped and journaled.
    ApiResponse reject(const ApiRequest& req, const std::string& reason, const std::string& message);
    // Graceful stop: live streams end, timers stop, callbacks that are due are flushed or recorded as
    // abandoned.
    void shutdown();
    // Every operator operation (docs/admin-api.md).
    admin::LiveAdmin& admin();

  private:
    struct Pipeline;  // one request's way through handle() (service.cpp)
    ApiResponse run(const ApiRequest& req, ApiRequest* owned);
    ApiResponse run(Pipeline& p, const ApiRequest& req);  // the steps, inside run's catch
    // Journals an answered request and publishes it.
    void record(JournalEntry entry);

    std::unique_ptr<ServiceParts> owned_;
    ServiceParts& p_;
    std::unique_ptr<admin::ServiceAdmin> admin_;
};

}  // namespace rtc
