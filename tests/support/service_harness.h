// A mock on a virtual clock, loaded with the default fixture, called with requests signed by the project's
// signer. No sockets. `parts` are what the mock is made of (tests reach into them), `service` the pipeline
// and the admin front door over them. `Harness` serves the action tests (rate limits off unless a test turns
// them on: tests call in bursts); `ServiceHarness` the pipeline tests (faults, journal, metrics).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/admin/app_settings.h"
#include "core/config.h"
#include "core/service.h"
#include "core/service_parts.h"
#include "core/signing/signer.h"
#include "engines.h"
#include "fixture.h"

namespace rtc::test {

inline const signing::Credentials kAccount1{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""};
inline const signing::Credentials kAccount2{"AKLTOTHERACCOUNT", "OTHERSECRET", ""};

// The ApiRequest the HTTP layer would hand over for `req` signed with `creds` at `now`.
inline ApiRequest signed_api_request(const signing::OutgoingRequest& req, const signing::Credentials& creds,
                                     TimeMs now) {
    signing::SignedOutput out = signing::sign_headers(req, creds, {}, now);
    ApiRequest api;
    api.method = req.method;
    api.path = "/";
    api.raw_query = out.query;
    api.headers = out.headers;
    api.body = req.body;
    api.remote_addr = "127.0.0.1";
    return api;
}

struct Reply {
    int status = 0;
    nlohmann::json body;
    std::string code() const {
        const auto& md = body["ResponseMetadata"];
        return md.contains("Error") ? md["Error"]["Code"].get<std::string>() : "";
    }
    std::string message() const {
        const auto& md = body["ResponseMetadata"];
        return md.contains("Error") ? md["Error"]["Message"].get<std::string>() : "";
    }
    // An error answer has no Result, and const operator[] on a missing key is undefined: null then.
    const nlohmann::json& result() const {
        static const nlohmann::json none;
        auto it = body.find("Result");
        return it == body.end() ? none : *it;
    }
};

class Harness {
  public:
    // `transport`: where callbacks go (none by default); `engine`: the state engine (support/engines.h).
    explicit Harness(const std::function<void(Config&)>& tweak = {},
                     std::shared_ptr<callbacks::CallbackTransport> transport = nullptr,
                     const std::string& engine = each_engine()) {
        Config cfg = load_config_file(fixture_path());
        cfg.rate_limits.enabled = false;
        if (tweak) tweak(cfg);
        clock = std::make_shared<VirtualClock>(1'700'000'000'000);
        ServiceDeps deps;
        deps.clock = clock;
        deps.transport = std::move(transport);
        deps.engine = make_engine(engine, engine_settings(cfg));
        parts = std::make_unique<ServiceParts>(std::move(cfg), std::move(deps));
        service = std::make_unique<MockService>(*parts);
    }

    // POST with a raw body.
    Reply post_raw(const std::string& action, const std::string& body,
                   const signing::Credentials& creds = kAccount1, QueryParams extra_query = {}) {
        signing::OutgoingRequest req;
        req.method = "POST";
        req.host = "127.0.0.1:8080";
        req.query = {{"Action", action}, {"Version", version}};
        for (auto& q : extra_query) req.query.push_back(std::move(q));
        req.body = body;
        return send(req, creds);
    }
    Reply post(const std::string& action, const nlohmann::json& body,
               const signing::Credentials& creds = kAccount1) {
        return post_raw(action, body.dump(), creds);
    }
    Reply get(const std::string& action, const QueryParams& params,
              const signing::Credentials& creds = kAccount1) {
        signing::OutgoingRequest req;
        req.method = "GET";
        req.host = "127.0.0.1:8080";
        req.query = {{"Action", action}, {"Version", version}};
        for (const auto& q : params) req.query.push_back(q);
        return send(req, creds);
    }

    Reply send(const signing::OutgoingRequest& req, const signing::Credentials& creds) {
        ApiResponse resp = service->handle(signed_api_request(req, creds, clock->now_ms()));
        Reply r;
        r.status = resp.status;
        r.body = nlohmann::json::parse(resp.body);
        return r;
    }

    void advance_ms(TimeMs ms) { parts->pump.advance(ms); }

    std::shared_ptr<VirtualClock> clock;
    std::unique_ptr<ServiceParts> parts;
    std::unique_ptr<MockService> service;  // over `parts`, so declared after them
    std::string version = "2020-12-01";    // the Version of post() and get()
};

// A StartWebcast body with the required fields; tests add or change what they exercise.
inline nlohmann::json webcast_body(const std::string& task = "task1", const std::string& app = kApp) {
    return {{"AppId", app},
            {"RoomId", "room1"},
            {"TaskId", task},
            {"UserId", "webcast_user"},
            {"SourceURL", "https://example.com/page"}};
}

inline nlohmann::json wb_body(const std::string& task = "wb1", const std::string& app = kApp) {
    return {{"AppId", app}, {"RoomId", "room1"}, {"TaskId", task}, {"UserId", "wb_user"}};
}

// An action without business rules: answers {"AppId": <the body's AppId>} and notes the AppId.
constexpr const char* kOkAction = "HarnessOk";

struct ServiceHarness {
    std::shared_ptr<VirtualClock> clock;
    std::unique_ptr<ServiceParts> parts;
    std::unique_ptr<MockService> service;  // over `parts`

    explicit ServiceHarness(std::size_t journal_capacity = 0) {
        Config config = load_config_file(fixture_path());
        if (journal_capacity) config.journal.capacity = journal_capacity;
        clock = std::make_shared<VirtualClock>(1767225600000);  // 2026-01-01T00:00:00Z
        ServiceDeps deps;
        deps.clock = clock;
        parts = std::make_unique<ServiceParts>(std::move(config), std::move(deps));
        service = std::make_unique<MockService>(*parts);
        parts->actions.add(ok_action_spec(), [](ActionContext& ctx) {
            auto body = nlohmann::json::parse(ctx.request.body, nullptr, false);
            if (body.is_object() && body.contains("AppId"))
                ctx.journal.app_id = body["AppId"].get<std::string>();
            return ActionResult::success({{"AppId", ctx.journal.app_id}});
        });
    }

    // kOkAction's declaration: a POST with no fields and no rate limit.
    static const spec::ActionSpec& ok_action_spec() {
        static const spec::ActionSpec s = [] {
            spec::ActionSpec a;
            a.name = kOkAction;
            a.method = "POST";
            return a;
        }();
        return s;
    }

    // PUT /_mock/apps/{AppId} without HTTP.
    admin::Reply change_app(const std::string& app_id, const nlohmann::json& body) {
        return service->admin().change_app(app_id, body);
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
        return signed_api_request(out, {ak, sk, ""}, clock->now_ms());
    }

    ApiResponse call(const std::string& action = kOkAction,
                     const nlohmann::json& body = nlohmann::json::object()) {
        return service->handle(signed_request(action, body));
    }

    // Adds a fault rule from its JSON (as POST /_mock/faults takes it); fails the test when it is refused.
    nlohmann::json add_fault(const nlohmann::json& rule) {
        admin::Reply r = service->admin().add_fault(rule);
        if (!r.ok()) throw std::runtime_error("fault rule refused: " + r.error());
        return r.body;
    }
};

inline std::string error_code_of(const ApiResponse& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("ResponseMetadata") || !j["ResponseMetadata"].contains("Error"))
        return "";
    return j["ResponseMetadata"]["Error"]["Code"].get<std::string>();
}

}  // namespace rtc::test
