// The mock a run plays against: its API (forward) and its admin front door (core/admin/admin.h), in process
// (a MockService of the harness's own, the default) or over HTTP (--mock-url: the same admin operations
// through http/admin_client.h, as docs/admin-api.md has them). Faults are not asked of the mock: the front
// plays them itself.
#pragma once

#include <memory>
#include <string>

#include "core/admin/admin.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/request.h"

namespace rtc::conformance {

class MockTarget {
  public:
    virtual ~MockTarget() = default;
    // The mock's answer to a request as the client sent it.
    virtual ApiResponse forward(const ApiRequest& req) = 0;
    // Every operator operation: the runner resets the mock and changes apps' console state through it.
    virtual admin::Admin& admin() = 0;
    virtual std::string describe() const = 0;
};

// Owns a MockService built from `config` on `clock`. Throws ConfigError.
std::unique_ptr<MockTarget> make_in_process_mock(const Config& config, std::shared_ptr<Clock> clock);
// Talks to a running rtc-mock at `url` (http://127.0.0.1:8080), with an optional admin token.
std::unique_ptr<MockTarget> make_http_mock(const std::string& url, const std::string& admin_token);

}  // namespace rtc::conformance
