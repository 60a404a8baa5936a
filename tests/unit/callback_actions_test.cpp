#include <catch2/catch.hpp>

#include <map>

#include "unit/lifecycle_support.h"

using namespace rtc;
using namespace rtc::test;

namespace {

// The action's handler, called as the pipeline calls it once the request is routed and authenticated.
ActionResult call(ServiceParts& parts, const std::string& action, const std::string& body,
                  const std::string& query = "", const std::string& account = kAccount) {
    const ActionDef* def = parts.actions.find(action, "2020-12-01");
    REQUIRE(def);
    ApiRequest req;
    req.method = def->method();
    req.body = body;
    QueryParams q = parse_query(query);
    signing::Principal who{account, "AK", false};
    JournalEntry journal;
    ActionContext ctx{req, q, who, *def->spec, parts.config.validation, parts.clock->now_ms(), journal};
    return def->handler(ctx);
}

}  // namespace

TEST_CASE(
    "CreateCallback sets the app's callback; GetCallback shows it; Update changes it; Delete removes it",
    "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.parts;
    const std::string app = "600000000000000000000002";
    auto created = call(
        svc, "CreateCallback",
        R"({"AppID":")" + app +
            R"(","URL":"https://hooks.example/rtc","SecretKey":"k1","EventNames":["WebcastStatusChanged"]})");
    REQUIRE(created.ok());
    REQUIRE(svc.callbacks.store().get(app, "")->callback.url == "https://hooks.example/rtc");

    auto got = call(svc, "GetCallback", "", "AppId=" + app);
    REQUIRE(got.ok());
    REQUIRE(got.document()["URL"] == "https://hooks.example/rtc");
    REQUIRE(got.document()["SecretKey"] == "k1");
    REQUIRE(got.document()["EventNames"] == nlohmann::json{"WebcastStatusChanged"});

    auto again = call(svc, "CreateCallback", R"({"AppID":")" + app + R"(","URL":"http://x/y"})");
    REQUIRE_FALSE(again.ok());
    REQUIRE(again.error().reason == "CallbackAlreadyExists");

    REQUIRE(call(svc, "UpdateCallback", R"({"AppID":")" + app + R"(","SecretKey":"k2"})").ok());
    REQUIRE(svc.callbacks.store().get(app, "")->callback.secret_key == "k2");
    REQUIRE(svc.callbacks.store().get(app, "")->callback.url == "https://hooks.example/rtc");

    REQUIRE(call(svc, "DeleteCallback", R"({"AppID":")" + app + R"("})").ok());
    REQUIRE_FALSE(svc.callbacks.store().get(app, ""));
    REQUIRE(call(svc, "GetCallback", "", "AppId=" + app).error().reason == "CallbackNotFound");
    REQUIRE(call(svc, "UpdateCallback", R"({"AppID":")" + app + R"(","URL":"http://x/y"})").error().reason ==
            "CallbackNotFound");
}

TEST_CASE("the callback actions validate their fields and the caller's ownership of the app",
          "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.parts;
    REQUIRE(call(svc, "CreateCallback", "").error().reason == "BodyIsEmpty");
    REQUIRE(call(svc, "CreateCallback", "[1]").error().reason == "Unmarshal");
    auto no_url = call(svc, "CreateCallback", R"({"AppID":"600000000000000000000002"})");
    REQUIRE(svc.errors.lookup(no_url.error().reason).code == "InvalidParameter");
    REQUIRE_THAT(no_url.error().message, Catch::Contains("URL"));
    auto bad_url = call(svc, "CreateCallback", R"({"AppID":"600000000000000000000002","URL":"ftp://x"})");
    REQUIRE(svc.errors.lookup(bad_url.error().reason).code == "InvalidParameter");
    auto bad_events = call(svc, "CreateCallback",
                           R"({"AppID":"600000000000000000000002","URL":"http://x","EventNames":[1]})");
    REQUIRE(svc.errors.lookup(bad_events.error().reason).code == "InvalidParameter");
    REQUIRE_THAT(bad_events.error().message, Catch::Contains("EventNames[0]"));
    REQUIRE(call(svc, "CreateCallback", R"({"AppID":"699","URL":"http://x"})").error().reason ==
            "NotExistAppId");
    REQUIRE(call(svc, "CreateCallback", R"({"AppID":"600000000000000000000009","URL":"http://x"})")
                .error()
                .reason == "NoPermissionForApp");
}

TEST_CASE("a callback set by CreateCallback receives the task's callbacks, signed with its SecretKey",
          "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.parts;
    svc.callbacks.store().remove(kApp, "");
    REQUIRE(call(svc, "CreateCallback",
                 std::string(R"({"AppID":")") + kApp + R"(","URL":"http://127.0.0.1:9/cb","SecretKey":")" +
                     kSecret + R"("})")
                .ok());
    rig.start(rig.spec("t-cb"));
    rig.advance_s(1);
    REQUIRE(rig.received().size() == 1);  // received() checks the signature with kSecret
}

namespace {

const char* kOtherApp = "600000000000000000000002";  // account 1, no callback in the fixture

// CreateCallback as the Go SDK sends it: every field, unset ones as "" and null (docs/service-facts.md §5).
std::string go_create(const std::string& app, const std::string& business, const std::string& url,
                      const nlohmann::json& events = nullptr) {
    return nlohmann::json{
        {"AppID", app}, {"BusinessId", business}, {"EventList", events}, {"SecretKey", kSecret}, {"URL", url}}
        .dump();
}

Config with_callbacks(const std::function<void(nlohmann::json&)>& edit) {
    return test_config([&](nlohmann::json& doc) { edit(doc["Callbacks"]); });
}

}  // namespace

TEST_CASE(
    "CreateCallback in the Go SDK's shape keys a setting by AppId and BusinessId: a BusinessId's setting "
    "is a second one of the app, the same key twice is CallbackAlreadyExists",
    "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.parts;
    REQUIRE(call(svc, "CreateCallback", go_create(kOtherApp, "", "http://127.0.0.1:9/default")).ok());
    REQUIRE(call(svc, "CreateCallback",
                 go_create(kOtherApp, "biz-1", "http://127.0.0.1:9/biz", {"WebcastStatusChanged"}))
                .ok());
    CHECK(svc.callbacks.store().get(kOtherApp, "")->callback.events.empty());  // null: every event
    CHECK(svc.callbacks.store().get(kOtherApp, "biz-1")->callback.events ==
          std::vector<std::string>{"WebcastStatusChanged"});
    auto again = call(svc, "CreateCallback", go_create(kOtherApp, "biz-1", "http://127.0.0.1:9/other"));
    CHECK(again.error().reason == "CallbackAlreadyExists");
    CHECK_THAT(again.error().message, Catch::Contains("biz-1"));
    auto bad_business = call(svc, "CreateCallback", go_create(kOtherApp, "bad id!", "http://127.0.0.1:9/x"));
    CHECK(svc.errors.lookup(bad_business.error().reason).code == "InvalidParameter");
    // EventNames, the mock's earlier name of the list, is still read.
    REQUIRE(call(svc, "CreateCallback",
                 R"({"AppID":")" + std::string(kOtherApp) +
                     R"(","BusinessId":"biz-2","URL":"http://127.0.0.1:9/b2","EventNames":["X"]})")
                .ok());
    CHECK(svc.callbacks.store().get(kOtherApp, "biz-2")->callback.events == std::vector<std::string>{"X"});
}

TEST_CASE(
    "GetCallback answers Result.Callbacks, the default setting first, with the fields the Go model reads, "
    "and "
    "never an EventList array at the top level",
    "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.parts;
    rig.clock->set_ms(1'767'225'600'000);  // 2026-01-01T00:00:00Z
    REQUIRE(call(svc, "CreateCallback",
                 go_create(kOtherApp, "biz-1", "http://127.0.0.1:9/biz", {"WebcastStatusChanged"}))
                .ok());
    REQUIRE(call(svc, "CreateCallback", go_create(kOtherApp, "", "http://127.0.0.1:9/default")).ok());
    auto got = call(svc, "GetCallback", "", std::string("AppId=") + kOtherApp);
    REQUIRE(got.ok());
    const auto& list = got.document()["Callbacks"];
    REQUIRE(list.size() == 2);
    CHECK(list[0]["BusinessId"] == "");
    CHECK(list[0]["URL"] == "http://127.0.0.1:9/default");
    CHECK(list[0]["EventList"] == nlohmann::json::array());
    CHECK(list[1] == nlohmann::json{{"AccountId", kAccount},
                                    {"AppId", kOtherApp},
                                    {"BusinessId", "biz-1"},
                                    {"CreatedAt", "2026-01-01T00:00:00Z"},
                                    {"EventList", {"WebcastStatusChanged"}},
                                    {"Region", "cn-north-1"},
                                    {"SecretKey", kSecret},
                                    {"URL", "http://127.0.0.1:9/biz"},
                                    {"UpdatedAt", "2026-01-01T00:00:00Z"}});
    // The top level: the first setting's scalars (strings, as the Go model types them) and EventNames.
    CHECK_FALSE(got.document().contains("EventList"));
    CHECK(got.document()["URL"] == "http://127.0.0.1:9/default");
    CHECK(got.document()["BusinessId"] == "");
    CHECK(got.document()["EventNames"] == nlohmann::json::array());

    LifecycleRig plain(with_callbacks([](nlohmann::json& c) { c["GetCallbackTopLevel"] = false; }));
    REQUIRE(call(*plain.parts, "CreateCallback", go_create(kOtherApp, "", "http://127.0.0.1:9/d")).ok());
    auto only = call(*plain.parts, "GetCallback", "", std::string("AppId=") + kOtherApp);
    CHECK(only.document().size() == 1);
    CHECK(only.document()["Callbacks"].size() == 1);
}

TEST_CASE(
    "UpdateCallback as the Go SDK sends it (every field, BusinessID): \"\" and null leave a field as it was, "
    "[] "
    "means every event; with UpdateEmptyMeansUnchanged off the setting is replaced whole",
    "[callback-actions]") {
    auto update = [](const std::string& business, const std::string& url, const std::string& secret,
                     const nlohmann::json& events) {
        return nlohmann::json{{"AppID", kOtherApp},
                              {"BusinessID", business},
                              {"EventList", events},
                              {"SecretKey", secret},
                              {"URL", url}}
            .dump();
    };
    LifecycleRig rig;
    auto& svc = *rig.parts;
    REQUIRE(call(svc, "CreateCallback", go_create(kOtherApp, "biz-1", "http://127.0.0.1:9/biz", {"A"})).ok());
    REQUIRE(call(svc, "UpdateCallback", update("biz-1", "http://127.0.0.1:9/new", "", nullptr)).ok());
    auto s = svc.callbacks.store().get(kOtherApp, "biz-1");
    CHECK(s->callback.url == "http://127.0.0.1:9/new");
    CHECK(s->callback.secret_key == kSecret);
    CHECK(s->callback.events == std::vector<std::string>{"A"});
    REQUIRE(call(svc, "UpdateCallback", update("biz-1", "", "", nlohmann::json::array())).ok());
    CHECK(svc.callbacks.store().get(kOtherApp, "biz-1")->callback.events.empty());
    CHECK(svc.callbacks.store().get(kOtherApp, "biz-1")->callback.url == "http://127.0.0.1:9/new");
    // Another BusinessId, or the default setting, does not exist: CallbackNotFound.
    CHECK(call(svc, "UpdateCallback", update("biz-9", "http://127.0.0.1:9/x", "", nullptr)).error().reason ==
          "CallbackNotFound");
    CHECK(call(svc, "UpdateCallback", update("", "http://127.0.0.1:9/x", "", nullptr)).error().reason ==
          "CallbackNotFound");

    LifecycleRig whole(with_callbacks([](nlohmann::json& c) { c["UpdateEmptyMeansUnchanged"] = false; }));
    auto& w = *whole.parts;
    REQUIRE(call(w, "CreateCallback", go_create(kOtherApp, "", "http://127.0.0.1:9/d", {"A"})).ok());
    REQUIRE(call(w, "UpdateCallback", update("", "http://127.0.0.1:9/d2", "", nullptr)).ok());
    auto replaced = w.callbacks.store().get(kOtherApp, "");
    CHECK(replaced->callback.url == "http://127.0.0.1:9/d2");
    CHECK(replaced->callback.secret_key.empty());
    CHECK(replaced->callback.events.empty());
    CHECK(call(w, "UpdateCallback", update("", "", "s", nullptr)).error().reason == "MissingField");
}

TEST_CASE(
    "DeleteCallback takes AppId and BusinessId from the query string with an empty body; the body form "
    "{\"AppID\"} is read unless Validation.StrictParamPlaces",
    "[callback-actions]") {
    LifecycleRig rig;
    auto& svc = *rig.parts;
    REQUIRE(call(svc, "CreateCallback", go_create(kOtherApp, "", "http://127.0.0.1:9/d")).ok());
    REQUIRE(call(svc, "CreateCallback", go_create(kOtherApp, "biz-1", "http://127.0.0.1:9/b")).ok());
    const std::string app_q = std::string("AppId=") + kOtherApp;
    auto first = call(svc, "DeleteCallback", "", app_q + "&BusinessId=biz-1");
    REQUIRE(first.ok());
    CHECK(first.document() == "ok");
    CHECK_FALSE(svc.callbacks.store().get(kOtherApp, "biz-1"));
    CHECK(svc.callbacks.store().get(kOtherApp, ""));
    CHECK(call(svc, "DeleteCallback", "", app_q + "&BusinessId=biz-1").error().reason == "CallbackNotFound");
    CHECK(call(svc, "DeleteCallback", "", app_q + "&BusinessId=bad%20id").error().reason ==
          "FieldPatternMismatch");
    CHECK(call(svc, "DeleteCallback", "", "").error().reason == "IllegalAppId");  // AppId's own code
    REQUIRE(call(svc, "DeleteCallback", "", app_q).ok());  // no BusinessId: the default setting
    CHECK(svc.callbacks.store().of_app(kOtherApp).empty());

    LifecycleRig strict(
        test_config([](nlohmann::json& doc) { doc["Validation"]["StrictParamPlaces"] = true; }));
    REQUIRE(call(*strict.parts, "CreateCallback", go_create(kOtherApp, "", "http://127.0.0.1:9/d")).ok());
    CHECK(call(*strict.parts, "DeleteCallback", R"({"AppID":")" + std::string(kOtherApp) + R"("})")
              .error()
              .reason == "IllegalAppId");
    CHECK(call(*strict.parts, "DeleteCallback", "", app_q).ok());
}

TEST_CASE(
    "a task started with a BusinessId reports to that BusinessId's callback when there is one, otherwise to "
    "the "
    "app's default; each delivery's record names the setting it went to",
    "[callback-actions]") {
    LifecycleRig rig;  // the app's default setting: http://127.0.0.1:9/cb
    auto& svc = *rig.parts;
    REQUIRE(call(svc, "CreateCallback", go_create(kApp, "biz-routed", "http://127.0.0.1:9/routed")).ok());
    auto routed = rig.spec("t-routed");
    routed.business_id = "biz-routed";
    auto fallback = rig.spec("t-fallback");
    fallback.business_id = "biz-without-setting";
    rig.start(routed);
    rig.start(fallback);
    rig.advance_s(1);  // both first frames: Status=1
    std::map<std::string, std::string> url_of_task, business_of_task;
    for (const auto& a : svc.callbacks.outbox().attempts()) {
        url_of_task[a.task] = a.url;
        business_of_task[a.task] = a.business_id;
    }
    const std::string room = std::string(kApp) + "/room1/";
    CHECK(url_of_task[room + "t-routed"] == "http://127.0.0.1:9/routed");
    CHECK(business_of_task[room + "t-routed"] == "biz-routed");
    CHECK(url_of_task[room + "t-fallback"] == "http://127.0.0.1:9/cb");
    CHECK(business_of_task[room + "t-fallback"] == "");
    CHECK(rig.received().size() == 2);  // both signed with their setting's SecretKey (kSecret)
}
