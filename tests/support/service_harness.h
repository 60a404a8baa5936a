// A MockService on the virtual clock with the default fixture, plus signed requests for it, for unit tests
// of the pipeline (faults, journal, metrics) without sockets.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config_reader.h"
#include "core/service.h"
#include "core/signing/signer.h"

namespace rtc::test {

// An action without business rules: answers {"AppId": <the body's AppId>} and notes the AppId.
constexpr const char* kOkAction = "HarnessOk";

struct ServiceHarness {
    std::shared_ptr<VirtualClock> clock;
    std::unique_ptr<MockService> service;

    explicit ServiceHarness(std::size_t journal_capacity = 0) {
        Config config = load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
        if (journal_capacity) config.journal.capacity = journal_capacity;
        clock = std::make_shared<VirtualClock>(1767225600000);  // 2026-01-01T00:00:00Z
        service = std::make_unique<MockService>(std::move(config), clock);
        service->action_registry().add(ActionDef{kOkAction, "2020-12-01", "POST", 0, [](ActionContext& ctx) {
                                                     auto body = nlohmann::json::parse(ctx.request.body,
                                                                                       nullptr, false);
                                                     if (body.is_object() && body.contains("AppId"))
                                                         ctx.app_id = body["AppId"].get<std::string>();
                                                     return ActionResult::success({{"AppId", ctx.app_id}});
                                                 }});
    }

    // A request signed with the fixture's first account (or the given keys).
    ApiRequest signed_request(const std::string& action,
                              const nlohmann::json& body = nlohmann::json::object(),
                              const std::string& ak = "AKLTLOCALMOCK",
                              const std::string& sk = "LOCALMOCKSECRET") {
        signing::OutgoingRequest out;
        out.method = "POST";
        out.host = "127.0.0.1:8080";
        out.query = {{"Action", action}, {"Version", "2020-12-01"}};
        out.headers = {{"Content-Type", "application/json"}};
        out.body = body.dump();
        auto s = signing::sign_headers(out, {ak, sk, ""}, {}, clock->now_ms());
        ApiRequest req;
        req.method = "POST";
        req.path = "/";
        req.raw_query = s.query;
        req.headers = s.headers;  // Host and Content-Type included
        req.body = out.body;
        req.remote_addr = "127.0.0.1";
        return req;
    }

    ApiResponse call(const std::string& action = kOkAction,
                     const nlohmann::json& body = nlohmann::json::object()) {
        return service->handle(signed_request(action, body));
    }

    // Adds a fault rule from its JSON; fails the test on a parse error.
    nlohmann::json add_fault(const nlohmann::json& rule) {
        std::string error;
        auto r = faults::parse_fault_rule(rule, error);
        if (!r) throw std::runtime_error("bad rule: " + error);
        auto stored = service->faults().add(std::move(*r), clock->now_ms(), error);
        if (!stored) throw std::runtime_error(error);
        return *stored;
    }
};

inline std::string error_code_of(const ApiResponse& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("ResponseMetadata") || !j["ResponseMetadata"].contains("Error"))
        return "";
    return j["ResponseMetadata"]["Error"]["Code"].get<std::string>();
}

}  // namespace rtc::test
