// The scenario catalogue's format, and the constraint scenarios generated from action declarations.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "conformance/constraint_cases.h"
#include "conformance/scenario.h"

using namespace rtc::conformance;
using nlohmann::json;
using rtc::spec::Field;
using rtc::spec::Type;

namespace {

// The declaration builder of core/actions/spec.h, with the required flag as an argument.
Field declared(const std::string& name, Type type, bool required = false) {
    Field f = rtc::spec::field(name, type);
    f.required = required;
    return f;
}

json minimal() {
    return json::parse(R"({"Id":"x","Title":"t","Level":"MUST","Why":"w","Doc":"d",
        "Call":{"Action":"StopWebcast","Method":"POST"},"Checks":[{"Kind":"attempts","Max":1}]})");
}

rtc::spec::ActionSpec webcast_like() {
    rtc::spec::ActionSpec a;
    a.name = "StartWebcast";
    a.method = "POST";
    a.rate_limit = 150;
    a.seed = "docs/service-facts.md §4 (StartWebcast)";
    Field app = declared("AppId", Type::String, true);
    Field task = declared("TaskId", Type::String, true);
    task.max_length = 128;
    task.pattern = "[a-zA-Z0-9_@\\-\\.]{1,128}";
    Field url = declared("SourceURL", Type::String, true);
    url.max_length = 1024;
    Field run = declared("MaxRunningTime", Type::Integer);
    run.min = 10;
    run.max = 86400;
    Field width = declared("Width", Type::Integer);
    width.min = 50;
    width.max = 1920;
    Field sols = declared("VideoSolutions", Type::Array);
    sols.max_items = 2;
    sols.children = {width};
    Field freeze = declared("FreezeCheckInterval", Type::Integer);
    freeze.min = 2;
    freeze.max = 30;
    freeze.zero_means_off = true;
    Field monitor = declared("MonitorConfig", Type::Object);
    monitor.children = {freeze};
    a.fields = {app, task, url, run, sols, monitor};
    return a;
}

}  // namespace

TEST_CASE("every scenario of the shipped catalogue loads and has a unique Id", "[catalogue]") {
    auto all = load_catalogue(std::string(RTC_SOURCE_DIR) + "/fixtures/conformance");
    CHECK(all.size() >= 20);
    std::set<std::string> ids;
    for (const auto& s : all) CHECK(ids.insert(s.id).second);
}

TEST_CASE("a scenario with an unknown check kind is refused with its file and the kind", "[catalogue]") {
    json doc = minimal();
    doc["Checks"] = json::array({{{"Kind", "telepathy"}}});
    CHECK_THROWS_WITH(scenario_from_json(doc, "f.json"),
                      Catch::Contains("f.json") && Catch::Contains("telepathy"));
}

TEST_CASE("a scenario level other than MUST or SHOULD is refused", "[catalogue]") {
    json doc = minimal();
    doc["Level"] = "MAY";
    CHECK_THROWS_WITH(scenario_from_json(doc, "f.json"), Catch::Contains("Level"));
}

TEST_CASE("a scenario needs exactly one of Call and Callback", "[catalogue]") {
    json doc = minimal();
    doc["Callback"] = {{"Send", {"valid"}}};
    CHECK_THROWS_WITH(scenario_from_json(doc, "f.json"), Catch::Contains("Call and Callback"));
}

TEST_CASE("an action without declared fields generates no constraint scenario", "[generator]") {
    rtc::spec::ActionSpec a;
    a.name = "StopWebcast";
    a.method = "POST";
    CHECK(constraint_scenarios({a}, "app").empty());
}

TEST_CASE("integer ranges generate the boundaries as valid and one past them as invalid", "[generator]") {
    auto cases = constraint_scenarios({webcast_like()}, "600000000000000000000000");
    std::map<std::string, const Scenario*> by_id;
    for (const auto& s : cases) by_id[s.id] = &s;
    auto value = [&](const std::string& id) { return by_id.at(id)->call["Params"]["MaxRunningTime"]; };
    auto invalid = [&](const std::string& id) {
        return by_id.at(id)->checks[0].value("CodePrefix", "") == "InvalidParameter";
    };
    CHECK(value("constraint-StartWebcast-MaxRunningTime-min") == 10);
    CHECK_FALSE(invalid("constraint-StartWebcast-MaxRunningTime-min"));
    CHECK(value("constraint-StartWebcast-MaxRunningTime-min-1") == 9);
    CHECK(invalid("constraint-StartWebcast-MaxRunningTime-min-1"));
    CHECK(value("constraint-StartWebcast-MaxRunningTime-max") == 86400);
    CHECK(value("constraint-StartWebcast-MaxRunningTime-max+1") == 86401);
    CHECK(invalid("constraint-StartWebcast-MaxRunningTime-max+1"));
    CHECK(value("constraint-StartWebcast-MaxRunningTime-wrong-type").is_string());
}

TEST_CASE("nested fields are set inside their parent object or the first array element", "[generator]") {
    auto cases = constraint_scenarios({webcast_like()}, "app1");
    std::map<std::string, const Scenario*> by_id;
    for (const auto& s : cases) by_id[s.id] = &s;
    const json& p = by_id.at("constraint-StartWebcast-VideoSolutions[0].Width-max+1")->call["Params"];
    CHECK(p["VideoSolutions"][0]["Width"] == 1921);
    CHECK(p["AppId"] == "app1");
    const json& off =
        by_id.at("constraint-StartWebcast-MonitorConfig.FreezeCheckInterval-zero-off")->call["Params"];
    CHECK(off["MonitorConfig"]["FreezeCheckInterval"] == 0);
    CHECK(by_id.at("constraint-StartWebcast-MonitorConfig.FreezeCheckInterval-min-1")
              ->call["Params"]["MonitorConfig"]["FreezeCheckInterval"] == 1);
    CHECK(by_id.at("constraint-StartWebcast-VideoSolutions-max-items+1")
              ->call["Params"]["VideoSolutions"]
              .size() == 3);
}

TEST_CASE("required fields, lengths and patterns generate missing, too-long and off-pattern cases",
          "[generator]") {
    auto cases = constraint_scenarios({webcast_like()}, "app1");
    std::map<std::string, const Scenario*> by_id;
    for (const auto& s : cases) by_id[s.id] = &s;
    CHECK_FALSE(by_id.at("constraint-StartWebcast-TaskId-missing")->call["Params"].contains("TaskId"));
    CHECK(by_id.at("constraint-StartWebcast-SourceURL-max-length")
              ->call["Params"]["SourceURL"]
              .get<std::string>()
              .size() == 1024);
    CHECK(by_id.at("constraint-StartWebcast-SourceURL-max-length+1")
              ->call["Params"]["SourceURL"]
              .get<std::string>()
              .size() == 1025);
    CHECK(by_id.at("constraint-StartWebcast-TaskId-pattern")->call["Params"]["TaskId"] == "bad id!");
    // Every generated case is a MUST with the doc line it comes from.
    for (const auto& s : cases) {
        CHECK(s.level == "MUST");
        CHECK(s.doc.find("docs/service-facts.md §4 (StartWebcast)") != std::string::npos);
    }
}

TEST_CASE(
    "the scenarios of GetCallback, UpdateCallback and DeleteCallback set up the app's callback first; "
    "CreateCallback's do not",
    "[generator]") {
    auto callback_like = [](const std::string& name) {
        rtc::spec::ActionSpec a;
        a.name = name;
        a.method = "POST";
        Field app = declared("AppID", Type::String, true);
        Field url = declared("URL", Type::String);
        url.max_length = 1024;
        a.fields = {app, url};
        return a;
    };
    auto cases = constraint_scenarios({callback_like("UpdateCallback"), callback_like("GetCallback"),
                                       callback_like("DeleteCallback"), callback_like("CreateCallback")},
                                      "app1");
    int with_callback = 0;
    for (const auto& s : cases) {
        INFO(s.id);
        if (s.call["Action"] == "CreateCallback") {
            CHECK(s.console.empty());
            continue;
        }
        REQUIRE(s.console.size() == 1);
        CHECK(s.console[0]["AppId"] == "app1");
        CHECK(s.console[0]["Callback"]["URL"].get<std::string>().rfind("http://127.0.0.1:", 0) == 0);
        CHECK(s.console[0]["Callback"].contains("SecretKey"));
        ++with_callback;
    }
    CHECK(with_callback > 0);
    // The URL boundary of UpdateCallback is a valid case that can only succeed on an existing callback.
    bool found = false;
    for (const auto& s : cases)
        if (s.id == "constraint-UpdateCallback-URL-max-length") found = !s.console.empty();
    CHECK(found);
}
