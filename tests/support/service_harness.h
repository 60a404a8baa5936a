// A MockService on a virtual clock, loaded with the default fixture, called with requests signed by the
// project's signer. No sockets. Rate limits are off unless a test turns them on (tests call in bursts).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/service.h"
#include "core/signing/signer.h"

namespace rtc::test {

inline const signing::Credentials kAccount1{"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""};
inline const signing::Credentials kAccount2{"AKLTOTHERACCOUNT", "OTHERSECRET", ""};
inline const char* kApp = "600000000000000000000000";           // account 1, all on, video mode
inline const char* kAppSignaling = "600000000000000000000001";  // account 1, signalling-data mode
inline const char* kAppNoRecord = "600000000000000000000002";   // account 1, cloud recording off
inline const char* kAppNoVod = "600000000000000000000003";      // account 1, VOD off
inline const char* kAppOther = "600000000000000000000009";      // account 2

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
    const nlohmann::json& result() const { return body["Result"]; }
};

class Harness {
  public:
    explicit Harness(const std::function<void(Config&)>& tweak = {}) {
        Config cfg = load_config_file(std::string(RTC_SOURCE_DIR) + "/fixtures/default.json");
        cfg.rate_limits.enabled = false;
        if (tweak) tweak(cfg);
        clock = std::make_shared<VirtualClock>(1'700'000'000'000);
        service = std::make_unique<MockService>(std::move(cfg), clock);
    }

    // POST with a raw body.
    Reply post_raw(const std::string& action, const std::string& body,
                   const signing::Credentials& creds = kAccount1, QueryParams extra_query = {}) {
        signing::OutgoingRequest req;
        req.method = "POST";
        req.host = "127.0.0.1:8080";
        req.query = {{"Action", action}, {"Version", "2020-12-01"}};
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
        req.query = {{"Action", action}, {"Version", "2020-12-01"}};
        for (const auto& q : params) req.query.push_back(q);
        return send(req, creds);
    }

    Reply send(const signing::OutgoingRequest& req, const signing::Credentials& creds) {
        signing::SignedOutput out = signing::sign_headers(req, creds, {}, clock->now_ms());
        ApiRequest api;
        api.method = req.method;
        api.path = "/";
        api.raw_query = out.query;
        api.headers = out.headers;
        api.body = req.body;
        api.remote_addr = "127.0.0.1";
        ApiResponse resp = service->handle(api);
        Reply r;
        r.status = resp.status;
        r.body = nlohmann::json::parse(resp.body);
        return r;
    }

    void advance_ms(TimeMs ms) { service->scheduler().advance(ms); }

    std::shared_ptr<VirtualClock> clock;
    std::unique_ptr<MockService> service;
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

}  // namespace rtc::test
