#include <catch2/catch.hpp>

#include "unit/lifecycle_support.h"

using namespace rtc;
using namespace rtc::test;

namespace {

ActionResult call(MockService& service, const std::string& action, const std::string& body,
                  const std::string& query = "", const std::string& account = kAccount) {
    const ActionDef* def = service.actions().find(action, "2020-12-01");
    REQUIRE(def);
    ApiRequest req;
    req.method = def->method();
    req.body = body;
    QueryParams q = parse_query(query);
    signing::Principal who{account, "AK", false};
    ActionContext ctx{req, q, who, *def->spec, service.validation(), 0, {}, {}};
    return def->handler(ctx);
}

}  // namespace

TEST_CASE(
    "CreateCallback sets the app's callback; GetCallback shows it; Update changes it; Delete removes it",
    "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.service;
    const std::string app = "600000000000000000000002";
    auto created = call(
        svc, "CreateCallback",
        R"({"AppID":")" + app +
            R"(","URL":"https://hooks.example/rtc","SecretKey":"k1","EventNames":["WebcastStatusChanged"]})");
    REQUIRE(created.ok);
    REQUIRE(svc.callbacks().store().get(app, "")->callback.url == "https://hooks.example/rtc");

    auto got = call(svc, "GetCallback", "", "AppId=" + app);
    REQUIRE(got.ok);
    REQUIRE(got.result["URL"] == "https://hooks.example/rtc");
    REQUIRE(got.result["SecretKey"] == "k1");
    REQUIRE(got.result["EventNames"] == nlohmann::json{"WebcastStatusChanged"});

    auto again = call(svc, "CreateCallback", R"({"AppID":")" + app + R"(","URL":"http://x/y"})");
    REQUIRE_FALSE(again.ok);
    REQUIRE(again.error.reason == "CallbackAlreadyExists");

    REQUIRE(call(svc, "UpdateCallback", R"({"AppID":")" + app + R"(","SecretKey":"k2"})").ok);
    REQUIRE(svc.callbacks().store().get(app, "")->callback.secret_key == "k2");
    REQUIRE(svc.callbacks().store().get(app, "")->callback.url == "https://hooks.example/rtc");

    REQUIRE(call(svc, "DeleteCallback", R"({"AppID":")" + app + R"("})").ok);
    REQUIRE_FALSE(svc.callbacks().store().get(app, ""));
    REQUIRE(call(svc, "GetCallback", "", "AppId=" + app).error.reason == "CallbackNotFound");
    REQUIRE(call(svc, "UpdateCallback", R"({"AppID":")" + app + R"(","URL":"http://x/y"})").error.reason ==
            "CallbackNotFound");
}

TEST_CASE("the callback actions validate their fields and the caller's ownership of the app",
          "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.service;
    REQUIRE(call(svc, "CreateCallback", "").error.reason == "BodyIsEmpty");
    REQUIRE(call(svc, "CreateCallback", "[1]").error.reason == "Unmarshal");
    auto no_url = call(svc, "CreateCallback", R"({"AppID":"600000000000000000000002"})");
    REQUIRE(svc.errors().lookup(no_url.error.reason).code == "InvalidParameter");
    REQUIRE_THAT(no_url.error.message, Catch::Contains("URL"));
    auto bad_url = call(svc, "CreateCallback", R"({"AppID":"600000000000000000000002","URL":"ftp://x"})");
    REQUIRE(svc.errors().lookup(bad_url.error.reason).code == "InvalidParameter");
    auto bad_events = call(svc, "CreateCallback",
                           R"({"AppID":"600000000000000000000002","URL":"http://x","EventNames":[1]})");
    REQUIRE(svc.errors().lookup(bad_events.error.reason).code == "InvalidParameter");
    REQUIRE_THAT(bad_events.error.message, Catch::Contains("EventNames[0]"));
    REQUIRE(call(svc, "CreateCallback", R"({"AppID":"699","URL":"http://x"})").error.reason ==
            "NotExistAppId");
    REQUIRE(call(svc, "CreateCallback", R"({"AppID":"600000000000000000000009","URL":"http://x"})")
                .error.reason == "NoPermissionForApp");
}

TEST_CASE("a callback set by CreateCallback receives the task's callbacks, signed with its SecretKey",
          "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.service;
    svc.callbacks().store().remove(kApp, "");
    REQUIRE(call(svc, "CreateCallback",
                 std::string(R"({"AppID":")") + kApp + R"(","URL":"http://127.0.0.1:9/cb","SecretKey":")" +
                     kSecret + R"("})")
                .ok);
    rig.start(rig.spec("t-cb"));
    rig.advance_s(1);
    REQUIRE(rig.received().size() == 1);  // received() checks the signature with kSecret
}
