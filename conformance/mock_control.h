// What the harness needs from the mock, behind one interface: answer a request, go back to the fixture,
// change an app's console state. In-process (the harness owns a MockService, the default) or over HTTP
// (--mock-url, through the admin API of docs/admin-api.md). Faults are not asked of the mock: the front plays
// them itself.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/config.h"
#include "core/request.h"

namespace rtc::conformance {

class MockControl {
  public:
    virtual ~MockControl() = default;
    // The mock's answer to a request as the client sent it.
    virtual ApiResponse forward(const ApiRequest& req) = 0;
    // Back to the fixture: tasks, rate windows, console, journal.
    virtual void reset() = 0;
    // Changes an app's console settings, as PUT /_mock/apps/{AppId} does
    // ({"WhiteboardRecordMode":"signaling"}, "VodEnabled", "CloudRecordingEnabled", "Callback":
    // {"URL","SecretKey"}); "" on success, else the problem.
    virtual std::string put_app(const std::string& app_id, const nlohmann::json& settings) = 0;
    virtual std::string describe() const = 0;
};

// Owns a MockService built from `config` on `clock`.
std::unique_ptr<MockControl> make_in_process_mock(const Config& config, std::shared_ptr<Clock> clock);
// Talks to a running rtc-mock at `url` (http://127.0.0.1:8080), with an optional admin token.
std::unique_ptr<MockControl> make_http_mock(const std::string& url, const std::string& admin_token);

}  // namespace rtc::conformance
