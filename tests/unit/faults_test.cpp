#include <catch2/catch.hpp>

#include "support/service_harness.h"

using namespace rtc;
using rtc::test::error_code_of;
using rtc::test::kOkAction;
using rtc::test::ServiceHarness;

namespace {
std::string parse_error(const nlohmann::json& rule) {
    std::string error;
    auto r = faults::parse_fault_rule(rule, error);
    return r ? "" : error;
}
// Which of `n` requests a rule faulted, as a string of 0/1.
std::string pattern(ServiceHarness& h, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += h.call().status == 500 ? '1' : '0';
    return out;
}
}  // namespace

TEST_CASE("a fault rule with Count 2 faults exactly two requests", "[faults]") {
    ServiceHarness h;
    auto rule = h.add_fault({{"Type", "error"}, {"Count", 2}});
    REQUIRE(rule["Id"] == "f-1");
    REQUIRE(rule["Remaining"] == 2);
    int faulted = 0;
    for (int i = 0; i < 10; ++i) faulted += h.call().status == 500 ? 1 : 0;
    REQUIRE(faulted == 2);
    auto listed = h.service->admin().fault("f-1");
    REQUIRE(listed.status == admin::Status::Ok);
    REQUIRE(listed.body["Remaining"] == 0);
    REQUIRE(listed.body["Applied"] == 2);
    REQUIRE(listed.body["Active"] == false);
    JournalFilter f;
    f.fault = "f-1";
    REQUIRE(h.parts->engine->journal().count(f) == 2);
}

TEST_CASE("an error fault answers its Code, CodeN and status in the envelope, HTTP 200 + Error included",
          "[faults]") {
    ServiceHarness h;
    h.add_fault(
        {{"Type", "error"},
         {"Count", 1},
         {"Error", {{"Code", "InternalError"}, {"CodeN", 100014}, {"HttpStatus", 503}, {"Message", "m"}}}});
    auto r = h.call();
    REQUIRE(r.status == 503);
    auto md = nlohmann::json::parse(r.body)["ResponseMetadata"];
    REQUIRE(md["Error"]["Code"] == "InternalError");
    REQUIRE(md["Error"]["CodeN"] == 100014);
    REQUIRE(md["Error"]["Message"] == "m");
    REQUIRE(md["Action"] == kOkAction);

    h.add_fault({{"Type", "error"},
                 {"Count", 1},
                 {"Error", {{"Code", "InvalidParameter.Foo"}, {"HttpStatus", 200}}}});
    auto r200 = h.call();
    REQUIRE(r200.status == 200);
    REQUIRE(error_code_of(r200) == "InvalidParameter.Foo");
    REQUIRE_FALSE(nlohmann::json::parse(r200.body)["ResponseMetadata"]["Error"].contains("CodeN"));

    h.add_fault({{"Type", "error"}, {"Count", 1}, {"Error", {{"Reason", "NotExistAppId"}}}});
    auto rr = h.call();
    REQUIRE(rr.status == 400);
    REQUIRE(error_code_of(rr) == "InvalidParameter.NotExistAppId");
    REQUIRE(h.call().status == 200);
}

TEST_CASE("a throttle fault answers FlowLimitExceeded.QPSOverLimit 429 with Retry-After", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "throttle"}, {"Count", 3}, {"RetryAfterSeconds", 7}});
    for (int i = 0; i < 3; ++i) {
        auto r = h.call();
        REQUIRE(r.status == 429);
        REQUIRE(error_code_of(r) == "FlowLimitExceeded.QPSOverLimit");
        bool retry = false;
        for (const auto& hd : r.headers) retry = retry || (hd.name == "Retry-After" && hd.value == "7");
        REQUIRE(retry);
    }
    REQUIRE(h.call().status == 200);
    auto last = h.parts->engine->journal().query({}).entries;
    REQUIRE(last[0]->throttled);
    REQUIRE(last[0]->fault == "f-1");
    REQUIRE(h.parts->metrics.throttled_total() == 3);
}

TEST_CASE("a latency fault lets the request through and asks the HTTP layer to hold the answer", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "latency"}, {"LatencyMs", 250}});
    auto r = h.call();
    REQUIRE(r.status == 200);
    REQUIRE(r.delay_ms == 250);
    auto e = h.parts->engine->journal().query({}).entries.back();
    REQUIRE(e->fault_delay_ms == 250);
    REQUIRE(e->latency_ms >= 250.0);

    REQUIRE(h.service->admin().clear_faults().body["Deleted"] == 1);
    h.add_fault({{"Type", "latency"}, {"LatencyMinMs", 10}, {"LatencyMaxMs", 20}, {"Seed", 1}});
    for (int i = 0; i < 50; ++i) {
        auto d = h.call().delay_ms;
        REQUIRE(d >= 10);
        REQUIRE(d <= 20);
    }
}

TEST_CASE("drop and reset faults tell the HTTP layer to close the connection unanswered", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "drop"}, {"Count", 1}});
    h.add_fault({{"Type", "reset"}, {"Count", 1}});
    auto d = h.call();
    REQUIRE(d.drop_connection);
    REQUIRE_FALSE(d.reset_connection);
    auto r = h.call();
    REQUIRE(r.drop_connection);
    REQUIRE(r.reset_connection);
    REQUIRE_FALSE(h.call().drop_connection);
    auto e = h.parts->engine->journal().query({}).entries;
    REQUIRE(e[0]->http_status == 0);
    REQUIRE(e[0]->fault_type == faults::FaultType::Drop);
    REQUIRE(faults::type_name(*e[0]->fault_type) == std::string("drop"));
    REQUIRE(e[1]->fault_type == faults::FaultType::Reset);
    REQUIRE(e[1]->to_json()["FaultType"] == "reset");
    REQUIRE_FALSE(e[2]->fault_type);
}

TEST_CASE("a seeded random rule faults the same requests again after a reset", "[faults]") {
    ServiceHarness h;
    const nlohmann::json rule = {{"Type", "error"}, {"Probability", 0.5}, {"Seed", 20240601}};
    h.add_fault(rule);
    std::string first = pattern(h, 64);
    h.service->admin().reset();
    h.add_fault(rule);
    std::string second = pattern(h, 64);
    REQUIRE(first == second);
    // A random rule, not all or nothing.
    REQUIRE(first.find('1') != std::string::npos);
    REQUIRE(first.find('0') != std::string::npos);
    h.service->admin().reset();
    h.add_fault({{"Type", "error"}, {"Probability", 0.5}, {"Seed", 7}});
    REQUIRE(pattern(h, 64) != first);
}

TEST_CASE("the first matching rule wins and scopes select action, account and app", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "error"}, {"Action", "StopWebcast"}});
    h.add_fault({{"Type", "error"}, {"AccountId", "2100000002"}});
    h.add_fault(
        {{"Type", "error"}, {"AppId", "600000000000000000000003"}, {"Error", {{"Code", "AppFault"}}}});
    h.add_fault({{"Type", "error"}, {"Error", {{"Code", "CatchAll"}}}, {"Count", 1}});
    h.add_fault({{"Type", "error"}, {"Error", {{"Code", "Second"}}}, {"Count", 1}});
    // Neither the action nor the account rule applies; the app rule does for its app only.
    auto app = h.call(kOkAction, {{"AppId", "600000000000000000000003"}});
    REQUIRE(error_code_of(app) == "AppFault");
    REQUIRE(h.parts->engine->journal().query({}).entries.back()->app_id == "600000000000000000000003");
    REQUIRE(error_code_of(h.call()) == "CatchAll");
    REQUIRE(error_code_of(h.call()) == "Second");
    REQUIRE(h.call().status == 200);
    // The account scope: the other account's keys.
    auto other = h.service->handle(h.signed_request(kOkAction, {}, "AKLTOTHERACCOUNT", "OTHERSECRET"));
    REQUIRE(other.status == 500);
    REQUIRE(h.parts->engine->journal().query({}).entries.back()->fault == "f-2");
}

TEST_CASE("a fault never hides a signature error", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "error"}, {"Error", {{"Code", "Injected"}}}});
    auto r = h.service->handle(h.signed_request(kOkAction, {}, "AKLTLOCALMOCK", "WRONGSECRET"));
    REQUIRE(error_code_of(r) == "SignatureDoesNotMatch");
    REQUIRE(h.service->admin().fault("f-1").body["Applied"] == 0);
}

TEST_CASE("a fault rule expires on the injectable clock", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "error"}, {"ExpiresInSeconds", 60}});
    REQUIRE(h.call().status == 500);
    h.clock->advance_ms(59000);
    REQUIRE(h.call().status == 500);
    h.clock->advance_ms(1000);
    REQUIRE(h.call().status == 200);
    REQUIRE(h.service->admin().fault("f-1").body["Active"] == false);
}

TEST_CASE("reset removes every fault rule and restarts ids", "[faults]") {
    ServiceHarness h;
    h.add_fault({{"Type", "drop"}});
    h.add_fault({{"Type", "drop"}});
    auto& rules = h.parts->engine->fault_rules();
    REQUIRE(rules.size() == 2);
    REQUIRE(h.service->admin().faults().body["Faults"].size() == 2);
    h.service->admin().reset();
    REQUIRE(rules.empty());
    REQUIRE(h.service->admin().faults().body["Faults"].empty());
    REQUIRE(h.add_fault({{"Type", "drop"}})["Id"] == "f-1");
    REQUIRE(h.service->admin().remove_fault("f-1").status == admin::Status::Ok);
    REQUIRE(h.service->admin().remove_fault("f-1").status == admin::Status::NotFound);
    REQUIRE_FALSE(rules.remove("f-1"));
}

TEST_CASE("a bad fault rule is refused with a message naming the field", "[faults]") {
    REQUIRE_THAT(parse_error(nlohmann::json::object()), Catch::Contains("Type is required"));
    REQUIRE_THAT(parse_error({{"Type", "explode"}}), Catch::Contains("Type must be"));
    REQUIRE_THAT(parse_error({{"Type", "latency"}}), Catch::Contains("LatencyMs"));
    REQUIRE_THAT(parse_error({{"Type", "latency"}, {"LatencyMs", -1}}), Catch::Contains("LatencyMs must be"));
    REQUIRE_THAT(parse_error({{"Type", "latency"}, {"LatencyMs", 10000000}}), Catch::Contains("120000"));
    REQUIRE_THAT(parse_error({{"Type", "latency"}, {"LatencyMinMs", 9}, {"LatencyMaxMs", 3}}),
                 Catch::Contains("LatencyMinMs must not be above"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"LatencyMs", 3}}), Catch::Contains("latency only"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"Probability", 1.5}}), Catch::Contains("Probability"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"Count", 0}}), Catch::Contains("Count"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"Seed", -3}}), Catch::Contains("Seed"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"Error", {{"HttpStatus", 500}}}}), Catch::Contains("Code"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"Error", {{"Code", "X"}, {"HttpStatus", 99}}}}),
                 Catch::Contains("HttpStatus"));
    REQUIRE_THAT(parse_error({{"Type", "error"}, {"Error", {{"Reason", "NoSuchReason"}}}}),
                 Catch::Contains("NoSuchReason"));
    REQUIRE_THAT(parse_error({{"Type", "drop"}, {"Colour", "red"}}), Catch::Contains("unknown field Colour"));
    REQUIRE_THAT(parse_error({{"Type", "drop"}, {"Action", ""}}), Catch::Contains("Action"));
    REQUIRE_THAT(parse_error({{"Type", "drop"}, {"RetryAfterSeconds", 2}}), Catch::Contains("throttle only"));
    REQUIRE(parse_error({{"Type", "throttle"}, {"Action", "StartWebcast"}, {"Count", 5}}).empty());
}
