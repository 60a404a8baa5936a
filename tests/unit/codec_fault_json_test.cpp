// A stored fault rule as the Redis engine keeps it (core/state/codec/fault_json.h): what the admin gave,
// its id and its run-time state come back as they went in, the generator included (a rule read back draws
// what the original would have drawn next), and a damaged record names its bad field.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/state/codec/fault_json.h"

using namespace rtc;
using faults::FaultRule;
using state::codec::decode_fault_rule;
using state::codec::encode;

namespace {

FaultRule parsed(const nlohmann::json& body) {
    std::string error;
    auto rule = faults::parse_fault_rule(body, error);
    INFO(error);
    REQUIRE(rule);
    return *rule;
}

void require_same(const FaultRule& a, const FaultRule& b) {
    REQUIRE(b.id == a.id);
    REQUIRE(b.action == a.action);
    REQUIRE(b.account_id == a.account_id);
    REQUIRE(b.app_id == a.app_id);
    REQUIRE(b.type == a.type);
    REQUIRE(b.latency_min_ms == a.latency_min_ms);
    REQUIRE(b.latency_max_ms == a.latency_max_ms);
    REQUIRE(b.error.reason == a.error.reason);
    REQUIRE(b.error.code == a.error.code);
    REQUIRE(b.error.code_n == a.error.code_n);
    REQUIRE(b.error.http_status == a.error.http_status);
    REQUIRE(b.error.message == a.error.message);
    REQUIRE(b.retry_after_seconds == a.retry_after_seconds);
    REQUIRE(b.probability == a.probability);
    REQUIRE(b.seed == a.seed);
    REQUIRE(b.count == a.count);
    REQUIRE(b.expires_in_seconds == a.expires_in_seconds);
    REQUIRE(b.created_ms == a.created_ms);
    REQUIRE(b.expires_at_ms == a.expires_at_ms);
    REQUIRE(b.remaining == a.remaining);
    REQUIRE(b.applied == a.applied);
    REQUIRE(b.rng == a.rng);
}

}  // namespace

TEST_CASE("fault codec: a stored rule round-trips every field, its generator's state included", "[codec]") {
    FaultRule r = parsed(
        {{"Type", "error"},
         {"Action", "StartWebcast"},
         {"AccountId", "acc-1"},
         {"AppId", "app-1"},
         {"Error", {{"Code", "InternalError"}, {"CodeN", 10001}, {"HttpStatus", 500}, {"Message", "m"}}},
         {"Probability", 0.37},
         {"Seed", 18446744073709551557ULL},
         {"Count", 5},
         {"ExpiresInSeconds", 60}});
    r.id = "f-12";
    faults::start_rule(r, 1733560000123);
    for (int i = 0; i < 7; ++i) (void)faults::try_rule(r, "StartWebcast", "acc-1", "app-1", 1733560000200);
    FaultRule back = decode_fault_rule(nlohmann::json::parse(encode(r).dump()));
    require_same(r, back);
    // Both go on drawing the same.
    for (int i = 0; i < 20; ++i) {
        auto x = faults::try_rule(r, "StartWebcast", "acc-1", "app-1", 1733560000300);
        auto y = faults::try_rule(back, "StartWebcast", "acc-1", "app-1", 1733560000300);
        REQUIRE(x.has_value() == y.has_value());
    }

    FaultRule latency = parsed({{"Type", "latency"}, {"LatencyMinMs", 5}, {"LatencyMaxMs", 90}});
    latency.id = "f-1";
    faults::start_rule(latency, 5);
    require_same(latency, decode_fault_rule(encode(latency)));
    FaultRule throttle = parsed({{"Type", "throttle"}, {"RetryAfterSeconds", 3}});
    faults::start_rule(throttle, 5);
    require_same(throttle, decode_fault_rule(encode(throttle)));
    FaultRule reason = parsed({{"Type", "error"}, {"Error", {{"Reason", "InternalError"}}}});
    faults::start_rule(reason, 5);
    require_same(reason, decode_fault_rule(encode(reason)));
}

TEST_CASE("fault codec: a damaged record is refused naming the field", "[codec]") {
    FaultRule r = parsed({{"Type", "drop"}});
    faults::start_rule(r, 1);
    auto j = encode(r);
    j["Type"] = "explode";
    REQUIRE_THROWS_AS(decode_fault_rule(j), std::invalid_argument);
    REQUIRE_THROWS_WITH(decode_fault_rule(j), Catch::Contains("Type"));
    j = encode(r);
    j["Rng"] = "not a state";
    REQUIRE_THROWS_WITH(decode_fault_rule(j), Catch::Contains("Rng"));
    j = encode(r);
    j["Error"].erase("Code");
    REQUIRE_THROWS_WITH(decode_fault_rule(j), Catch::Contains("Code"));
    j = encode(r);
    j["Count"] = "three";
    REQUIRE_THROWS_WITH(decode_fault_rule(j), Catch::Contains("Count"));
}
