// The state engine's contract for the admin's fault rules (core/state/fault_rules.h, docs/admin-api.md "Fault
// rules"): ids, first match wins, Count, scope, seeded probability, expiry on the clock given, remove / clear
// / reset, what list and get show, the bound. Rules are built from their JSON as the admin API does. Every
// engine of test::engine_names() is held to it; time is plain TimeMs values.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/engines.h"

using namespace rtc;
using nlohmann::json;

namespace {

faults::FaultRule rule_of(const json& body) {
    std::string error;
    auto rule = faults::parse_fault_rule(body, error);
    INFO("rule " << body.dump() << ": " << error);
    REQUIRE(rule);
    return *rule;
}

// Adds the rule; its id.
std::string add(state::FaultRules& rules, const json& body, TimeMs now = 1000) {
    std::string error;
    auto stored = rules.add(rule_of(body), now, error);
    INFO(error);
    REQUIRE(stored);
    return (*stored)["Id"].get<std::string>();
}

// The id of the rule that takes the request, "" when none does.
std::string hit(state::FaultRules& rules, const std::string& action, const std::string& account = "acc-1",
                const std::string& app = "app-1", TimeMs now = 2000) {
    auto h = rules.match(action, account, app, now);
    return h ? h->id : "";
}

std::vector<std::string> ids_of(const json& list) {
    std::vector<std::string> out;
    for (const auto& r : list) out.push_back(r["Id"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("FaultRules: rules are numbered f-1, f-2, ... in the order they are added", "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();

    std::string error;
    auto first = rules.add(rule_of({{"Type", "drop"}, {"Action", "StartWebcast"}}), 1000, error);
    REQUIRE(first);
    REQUIRE((*first)["Id"] == "f-1");
    REQUIRE((*first)["Action"] == "StartWebcast");
    REQUIRE((*first)["Type"] == "drop");
    REQUIRE((*first)["Active"] == true);
    REQUIRE(add(rules, {{"Type", "reset"}}) == "f-2");
    REQUIRE(add(rules, {{"Type", "throttle"}, {"RetryAfterSeconds", 3}}) == "f-3");
    REQUIRE(ids_of(rules.list(1000)) == std::vector<std::string>{"f-1", "f-2", "f-3"});
    REQUIRE((*rules.get("f-2", 1000))["Type"] == "reset");
    REQUIRE_FALSE(rules.get("f-4", 1000));
    REQUIRE_FALSE(rules.get("", 1000));
}

TEST_CASE("FaultRules: the first rule whose scope matches and whose draw succeeds takes the request",
          "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    REQUIRE(rules.empty());
    REQUIRE(hit(rules, "StartWebcast").empty());

    add(rules, {{"Type", "error"}, {"Action", "StopWebcast"}, {"Probability", 0}});  // f-1: never draws
    add(rules,
        {{"Type", "error"}, {"Action", "StartWebcast"}, {"Error", {{"Code", "InternalError"}}}});  // f-2
    add(rules, {{"Type", "latency"}, {"LatencyMs", 250}});         // f-3: everything else
    add(rules, {{"Type", "drop"}, {"Action", "GetWebCastTask"}});  // f-4: shadowed by f-3

    auto start = rules.match("StartWebcast", "acc-1", "app-1", 2000);
    REQUIRE(start);
    REQUIRE(start->id == "f-2");
    REQUIRE(start->type == faults::FaultType::Error);
    REQUIRE(start->error.code == "InternalError");
    auto get = rules.match("GetWebCastTask", "acc-1", "app-1", 2000);
    REQUIRE(get->id == "f-3");
    REQUIRE(get->type == faults::FaultType::Latency);
    REQUIRE(get->delay_ms == 250);
    REQUIRE(hit(rules, "StopWebcast") == "f-3");
    REQUIRE((*rules.get("f-1", 2000))["Applied"] == 0);
    REQUIRE((*rules.get("f-4", 2000))["Applied"] == 0);
}

TEST_CASE("FaultRules: a rule's Count is spent, then it stops matching and the next rule takes over",
          "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    add(rules, {{"Type", "throttle"}, {"Action", "GetWebCastTask"}, {"Count", 2}, {"RetryAfterSeconds", 7}});
    add(rules, {{"Type", "reset"}, {"Count", 1}});

    auto h = rules.match("GetWebCastTask", "acc-1", "app-1", 2000);
    REQUIRE(h->id == "f-1");
    REQUIRE(h->type == faults::FaultType::Throttle);
    REQUIRE(h->retry_after_seconds == std::int64_t{7});
    REQUIRE(hit(rules, "StartWebcast") == "f-2");  // out of f-1's scope: spends none of its count
    REQUIRE(hit(rules, "GetWebCastTask") == "f-1");
    REQUIRE(hit(rules, "GetWebCastTask").empty());  // f-1 spent, f-2 spent
    REQUIRE(hit(rules, "GetWebCastTask").empty());
    // Spent rules stay listed, inactive.
    REQUIRE(rules.size() == 2);
    REQUIRE_FALSE(rules.empty());
    auto f1 = *rules.get("f-1", 2000);
    REQUIRE(f1["Count"] == 2);
    REQUIRE(f1["Remaining"] == 0);
    REQUIRE(f1["Applied"] == 2);
    REQUIRE(f1["Active"] == false);
}

TEST_CASE("FaultRules: a rule's scope is its action, account and app", "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    add(rules, {{"Type", "drop"}, {"Action", "StartWBRecord"}, {"AccountId", "acc-2"}, {"AppId", "app-9"}});

    REQUIRE(hit(rules, "StartWBRecord", "acc-2", "app-9") == "f-1");
    REQUIRE(hit(rules, "StopWBRecord", "acc-2", "app-9").empty());
    REQUIRE(hit(rules, "StartWBRecord", "acc-1", "app-9").empty());
    REQUIRE(hit(rules, "StartWBRecord", "acc-2", "app-1").empty());
    REQUIRE(hit(rules, "StartWBRecord", "acc-2", "").empty());

    add(rules, {{"Type", "reset"}, {"AccountId", "acc-3"}});  // any action, any app of acc-3
    REQUIRE(hit(rules, "StartWebcast", "acc-3", "") == "f-2");
    REQUIRE(hit(rules, "GetWebCastTask", "acc-3", "app-9") == "f-2");
    REQUIRE(hit(rules, "GetWebCastTask", "acc-1", "app-9").empty());
}

TEST_CASE("FaultRules: empty, size and scopes_by_app follow the rules", "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    REQUIRE(rules.empty());
    REQUIRE(rules.size() == 0);
    REQUIRE_FALSE(rules.scopes_by_app());

    add(rules, {{"Type", "drop"}, {"AccountId", "acc-1"}});
    REQUIRE_FALSE(rules.empty());
    REQUIRE(rules.size() == 1);
    REQUIRE_FALSE(rules.scopes_by_app());
    const std::string by_app = add(rules, {{"Type", "drop"}, {"AppId", "app-1"}});
    REQUIRE(rules.scopes_by_app());
    REQUIRE(rules.size() == 2);
    REQUIRE(rules.remove(by_app));
    REQUIRE_FALSE(rules.scopes_by_app());
    REQUIRE(rules.size() == 1);
    add(rules, {{"Type", "drop"}, {"AppId", "app-2"}});
    REQUIRE(rules.scopes_by_app());
    REQUIRE(rules.clear() == 2);
    REQUIRE(rules.empty());
    REQUIRE_FALSE(rules.scopes_by_app());
}

TEST_CASE(
    "FaultRules: a seeded probability rule faults the same positions of its own traffic in fresh engines",
    "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    const json body = {{"Type", "error"}, {"AppId", "app-3"}, {"Probability", 0.3}, {"Seed", 42}};
    constexpr int kRequests = 400;

    // Which of the rule's own requests it faults, with `noise` requests outside its scope between them.
    auto pattern = [&](const json& rule, int noise) {
        auto e = test::make_engine(engine, {});
        auto& rules = e->fault_rules();
        add(rules, rule);
        std::vector<int> hits;
        for (int i = 0; i < kRequests; ++i) {
            for (int n = 0; n < noise; ++n) REQUIRE(hit(rules, "StartWebcast", "acc-1", "app-other").empty());
            if (!hit(rules, "StartWebcast", "acc-1", "app-3").empty()) hits.push_back(i);
        }
        REQUIRE((*rules.get("f-1", 2000))["Applied"] == hits.size());
        return hits;
    };
    const auto alone = pattern(body, 0);
    const auto again = pattern(body, 0);
    const auto among_others = pattern(body, 3);
    REQUIRE(alone.size() > kRequests / 10);
    REQUIRE(alone.size() < kRequests / 2);
    REQUIRE(again == alone);
    REQUIRE(among_others == alone);
    json other_seed = body;
    other_seed["Seed"] = 43;
    REQUIRE(pattern(other_seed, 0) != alone);
}

TEST_CASE("FaultRules: a rule with ExpiresInSeconds stops at that instant of the clock given",
          "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    const TimeMs added = 1767225600000;  // 2026-01-01T00:00:00Z
    add(rules, {{"Type", "drop"}, {"ExpiresInSeconds", 10}}, added);

    REQUIRE(hit(rules, "StartWebcast", "acc-1", "app-1", added) == "f-1");
    REQUIRE(hit(rules, "StartWebcast", "acc-1", "app-1", added + 9999) == "f-1");
    auto before = *rules.get("f-1", added + 9999);
    REQUIRE(before["Active"] == true);
    REQUIRE(before["ExpiresInSeconds"] == 10);
    REQUIRE(before["ExpiresAt"] == "2026-01-01T00:00:10Z");
    REQUIRE(hit(rules, "StartWebcast", "acc-1", "app-1", added + 10000).empty());
    REQUIRE((*rules.get("f-1", added + 10000))["Active"] == false);
    REQUIRE(rules.list(added + 10000)[0]["Active"] == false);
    REQUIRE((*rules.get("f-1", added + 10000))["Applied"] == 2);
    REQUIRE(rules.size() == 1);  // expired rules stay listed until deleted
}

TEST_CASE("FaultRules: remove takes one rule; clear takes all and ids go on; reset restarts ids at f-1",
          "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    for (int i = 0; i < 3; ++i) add(rules, {{"Type", "drop"}, {"Action", "A" + std::to_string(i)}});

    REQUIRE(rules.remove("f-2"));
    REQUIRE_FALSE(rules.remove("f-2"));
    REQUIRE_FALSE(rules.remove("f-9"));
    REQUIRE(ids_of(rules.list(1000)) == std::vector<std::string>{"f-1", "f-3"});
    REQUIRE(hit(rules, "A1").empty());
    REQUIRE(hit(rules, "A2") == "f-3");

    REQUIRE(rules.clear() == 2);
    REQUIRE(rules.list(1000).empty());
    REQUIRE(rules.clear() == 0);
    REQUIRE(add(rules, {{"Type", "drop"}}) == "f-4");

    rules.reset();
    REQUIRE(rules.empty());
    REQUIRE(rules.list(1000).empty());
    REQUIRE(add(rules, {{"Type", "drop"}}) == "f-1");
    REQUIRE(add(rules, {{"Type", "drop"}}) == "f-2");
}

TEST_CASE("FaultRules: list and get show each rule with its Remaining and Applied", "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    add(rules, {{"Type", "error"}, {"Action", "StartWebcast"}, {"Count", 3}});
    add(rules, {{"Type", "latency"}, {"LatencyMinMs", 10}, {"LatencyMaxMs", 20}, {"AppId", "app-1"}});

    REQUIRE(hit(rules, "StartWebcast") == "f-1");
    for (int i = 0; i < 4; ++i) {
        auto h = rules.match("GetWebCastTask", "acc-1", "app-1", 2000);
        REQUIRE(h->id == "f-2");
        REQUIRE(h->delay_ms >= 10);
        REQUIRE(h->delay_ms <= 20);
    }
    auto list = rules.list(2000);
    REQUIRE(list.size() == 2);
    REQUIRE(list[0]["Id"] == "f-1");
    REQUIRE(list[0]["Count"] == 3);
    REQUIRE(list[0]["Remaining"] == 2);
    REQUIRE(list[0]["Applied"] == 1);
    REQUIRE(list[0]["Active"] == true);
    REQUIRE(list[1]["Id"] == "f-2");
    REQUIRE(list[1]["Count"].is_null());
    REQUIRE(list[1]["Remaining"].is_null());
    REQUIRE(list[1]["Applied"] == 4);
    REQUIRE(list[1]["AppId"] == "app-1");
    REQUIRE(list[1]["LatencyMinMs"] == 10);
    REQUIRE(list[1]["LatencyMaxMs"] == 20);
    REQUIRE(*rules.get("f-1", 2000) == list[0]);
    REQUIRE(*rules.get("f-2", 2000) == list[1]);
}

TEST_CASE("FaultRules: at most 1000 rules; one more is refused with a reason", "[state][faults]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& rules = e->fault_rules();
    const auto rule = rule_of({{"Type", "drop"}, {"Action", "StopWebcast"}});
    std::string error;
    for (std::size_t i = 0; i < faults::FaultLimits::kMaxRules; ++i) REQUIRE(rules.add(rule, 1000, error));
    REQUIRE(error.empty());
    REQUIRE(rules.size() == faults::FaultLimits::kMaxRules);
    REQUIRE_FALSE(rules.add(rule, 1000, error));
    REQUIRE_FALSE(error.empty());
    REQUIRE(rules.size() == faults::FaultLimits::kMaxRules);
    REQUIRE(rules.remove("f-1000"));
    REQUIRE(rules.add(rule, 1000, error));
}

// ---- Two replicas on one state (engines that share it: every one but "memory")
// -----------------------------------------------------------

TEST_CASE("FaultRules: a rule added on one replica takes the other's next matching request",
          "[state][faults][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // one process: nothing to share
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, {}, prefix);
    auto b = test::make_engine(engine, {}, prefix);
    REQUIRE(b->fault_rules().empty());
    REQUIRE(hit(b->fault_rules(), "StartWebcast").empty());

    const std::string id = add(a->fault_rules(), {{"Type", "drop"}, {"AppId", "app-1"}});
    REQUIRE_FALSE(b->fault_rules().empty());
    REQUIRE(b->fault_rules().scopes_by_app());
    REQUIRE(b->fault_rules().size() == 1);
    REQUIRE(hit(b->fault_rules(), "StartWebcast") == id);
    REQUIRE((*a->fault_rules().get(id, 2000))["Applied"] == 1);

    REQUIRE(a->fault_rules().remove(id));
    REQUIRE(b->fault_rules().empty());
    REQUIRE(hit(b->fault_rules(), "StartWebcast").empty());
    add(b->fault_rules(), {{"Type", "reset"}});
    REQUIRE(a->fault_rules().clear() == 1);
    REQUIRE(b->fault_rules().empty());
}

TEST_CASE("FaultRules: a Count is spent once across replicas: requests on both take a Count of 3 three times",
          "[state][faults][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // one process: nothing to share
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, {}, prefix);
    auto b = test::make_engine(engine, {}, prefix);
    add(a->fault_rules(), {{"Type", "error"}, {"Count", 3}, {"Probability", 0.5}, {"Seed", 7}});

    std::atomic<int> hits{0};
    auto requests = [&](state::StateEngine& e) {
        for (int i = 0; i < 40; ++i)
            if (e.fault_rules().match("StartWebcast", "acc-1", "app-1", 2000)) ++hits;
    };
    std::thread on_a(requests, std::ref(*a)), on_b(requests, std::ref(*b)), on_a2(requests, std::ref(*a));
    on_a.join();
    on_b.join();
    on_a2.join();
    REQUIRE(hits == 3);
    auto rule = *b->fault_rules().get("f-1", 2000);
    REQUIRE(rule["Applied"] == 3);
    REQUIRE(rule["Remaining"] == 0);
}

TEST_CASE("FaultRules: a seeded rule draws one sequence whichever replica takes each request",
          "[state][faults][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // one process: nothing to share
    INFO("state engine: " << engine);
    const json rule{{"Type", "drop"}, {"Probability", 0.3}, {"Seed", 42}};
    auto alone = test::make_engine("memory", {});
    add(alone->fault_rules(), rule);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, {}, prefix);
    auto b = test::make_engine(engine, {}, prefix);
    add(a->fault_rules(), rule);
    for (int i = 0; i < 50; ++i) {
        auto& replica = (i % 3 == 0 ? *a : *b).fault_rules();
        INFO("request " << i);
        REQUIRE(hit(replica, "StartWebcast") == hit(alone->fault_rules(), "StartWebcast"));
    }
}
