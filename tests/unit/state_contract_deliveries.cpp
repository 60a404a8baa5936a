// The state engine's contract for the callback outbox's state (core/state/deliveries.h): deliveries and their
// attempts, the order of a task's events (its slot), the bounded journal of attempts, the retries (due
// events) and the bound on deliveries, which never forgets one in play. Every engine of test::engine_names()
// is held to it; time is plain TimeMs values, nothing sleeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "state_contract_support.h"
#include "support/engines.h"

using namespace rtc;
using callbacks::AttemptQuery;
using callbacks::AttemptRecord;
using callbacks::DeliveryOutcome;
using callbacks::DeliveryRecord;

using test::contract::RecordingWakeup;

namespace {

DeliveryRecord delivery(const std::string& id, const std::string& task = "",
                        const std::string& app = "app-1") {
    DeliveryRecord d;
    d.base.delivery_id = id;
    d.base.event_id = id;
    d.base.app_id = app;
    d.base.url = "http://127.0.0.1:9/cb";
    d.base.body = "{\"EventId\":\"" + id + "\"}";
    d.base.attempt = 0;
    d.event_type = "WebcastStatusChanged";
    d.task = task;
    return d;
}

AttemptRecord attempt_of(const std::string& event, const std::string& app, const std::string& task,
                         DeliveryOutcome outcome, TimeMs time) {
    AttemptRecord r;
    r.delivery_id = event;
    r.event_id = event;
    r.app_id = app;
    r.task = task;
    r.outcome = outcome;
    r.time = time;
    r.attempt = 1;
    return r;
}

std::vector<std::uint64_t> seqs_of(const std::vector<AttemptRecord>& records) {
    std::vector<std::uint64_t> out;
    for (const auto& r : records) out.push_back(r.seq);
    return out;
}

state::EngineSettings bounded(std::size_t capacity) {
    state::EngineSettings s;
    s.deliveries_capacity = capacity;
    return s;
}

}  // namespace

TEST_CASE("Deliveries: a delivery added is found as it was given; an unknown one is not",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();

    REQUIRE_FALSE(ds.find("ev-1"));
    DeliveryRecord d = delivery("ev-1", "app-1/room/t1");
    d.business_id = "biz-1";
    ds.add(d);
    auto found = ds.find("ev-1");
    REQUIRE(found);
    REQUIRE(found->base.delivery_id == "ev-1");
    REQUIRE(found->base.body == d.base.body);
    REQUIRE(found->base.url == d.base.url);
    REQUIRE(found->base.attempt == 0);
    REQUIRE(found->business_id == "biz-1");
    REQUIRE(found->task == "app-1/room/t1");
    REQUIRE(found->event_type == "WebcastStatusChanged");
    REQUIRE_FALSE(found->holds_task_slot);
    REQUIRE(found->sending == 0);
    REQUIRE_FALSE(ds.find("ev-2"));
}

TEST_CASE("Deliveries: begin_attempt raises the attempt count and returns the record; unknown is nullopt",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    ds.add(delivery("ev-1"));

    auto first = ds.begin_attempt("ev-1", 1);
    REQUIRE(first);
    REQUIRE(first->base.delivery_id == "ev-1");
    REQUIRE(first->base.attempt == 1);
    REQUIRE(first->base.body == delivery("ev-1").base.body);
    ds.end_attempt("ev-1");
    REQUIRE(ds.find("ev-1")->base.attempt == 1);

    auto third = ds.begin_attempt("ev-1", 3);
    REQUIRE(third->base.attempt == 3);
    ds.end_attempt("ev-1");
    // "At least": an older attempt number never lowers the count.
    auto again = ds.begin_attempt("ev-1", 2);
    REQUIRE(again->base.attempt == 3);
    ds.end_attempt("ev-1");
    REQUIRE(ds.find("ev-1")->base.attempt == 3);

    REQUIRE_FALSE(ds.begin_attempt("ev-unknown", 1));
    ds.end_attempt("ev-unknown");  // harmless
    REQUIRE_FALSE(ds.find("ev-unknown"));
}

TEST_CASE("Deliveries: a task's deliveries take its slot one at a time, in the order they came",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    const std::string task = "app-1/room/t1";
    for (const char* id : {"d1", "d2", "d3", "other"})
        ds.add(delivery(id, id[0] == 'o' ? "app-1/room/t2" : task));

    REQUIRE(ds.take_task_slot(task, "d1"));
    REQUIRE_FALSE(ds.take_task_slot(task, "d2"));
    REQUIRE_FALSE(ds.take_task_slot(task, "d3"));
    REQUIRE(ds.take_task_slot("app-1/room/t2", "other"));  // another task's slot is its own
    REQUIRE(ds.find("d1")->holds_task_slot);
    REQUIRE_FALSE(ds.find("d2")->holds_task_slot);
    REQUIRE_FALSE(ds.find("d3")->holds_task_slot);
    REQUIRE(ds.find("other")->holds_task_slot);

    REQUIRE(ds.release_task_slot(task) == std::string("d2"));
    REQUIRE_FALSE(ds.find("d1")->holds_task_slot);
    REQUIRE(ds.find("d2")->holds_task_slot);
    REQUIRE(ds.release_task_slot(task) == std::string("d3"));
    REQUIRE_FALSE(ds.find("d2")->holds_task_slot);
    REQUIRE(ds.find("d3")->holds_task_slot);
    REQUIRE_FALSE(ds.release_task_slot(task));
    REQUIRE_FALSE(ds.find("d3")->holds_task_slot);
    REQUIRE(ds.find("other")->holds_task_slot);

    // Free again: the next delivery goes at once.
    ds.add(delivery("d4", task));
    REQUIRE(ds.take_task_slot(task, "d4"));
    REQUIRE(ds.find("d4")->holds_task_slot);
    REQUIRE_FALSE(ds.release_task_slot("app-1/room/never"));
}

TEST_CASE(
    "Deliveries: drop_waiting hands back every delivery waiting for its task's turn and empties the queues",
    "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    for (const char* id : {"a1", "a2", "a3"}) ds.add(delivery(id, "A"));
    for (const char* id : {"b1", "b2"}) ds.add(delivery(id, "B"));
    REQUIRE(ds.take_task_slot("A", "a1"));
    REQUIRE_FALSE(ds.take_task_slot("A", "a2"));
    REQUIRE_FALSE(ds.take_task_slot("A", "a3"));
    REQUIRE(ds.take_task_slot("B", "b1"));
    REQUIRE_FALSE(ds.take_task_slot("B", "b2"));

    auto waiting = ds.drop_waiting();
    REQUIRE(std::set<std::string>(waiting.begin(), waiting.end()) == std::set<std::string>{"a2", "a3", "b2"});
    REQUIRE(waiting.size() == 3);
    REQUIRE(ds.drop_waiting().empty());
    REQUIRE_FALSE(ds.release_task_slot("A"));
    REQUIRE_FALSE(ds.release_task_slot("B"));
}

TEST_CASE(
    "Deliveries: record gives each attempt the next Seq, and the journal keeps the newest up to the bound",
    "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, bounded(4));
    auto& ds = e->deliveries();

    std::vector<std::uint64_t> given;
    for (int i = 0; i < 7; ++i) {
        auto r = ds.record(
            attempt_of("ev-" + std::to_string(i), "app-1", "", DeliveryOutcome::Delivered, 100 + i));
        REQUIRE(r.event_id == "ev-" + std::to_string(i));
        given.push_back(r.seq);
    }
    for (std::size_t i = 1; i < given.size(); ++i) REQUIRE(given[i] > given[i - 1]);
    auto kept = ds.attempts({});
    REQUIRE(seqs_of(kept) == std::vector<std::uint64_t>(given.end() - 4, given.end()));  // oldest first
    REQUIRE(kept.front().event_id == "ev-3");
    REQUIRE(kept.back().event_id == "ev-6");
    REQUIRE(kept.back().time == 106);
}

TEST_CASE("Deliveries: attempts filters by event, app, task and outcome and keeps the newest limit",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    const auto D = DeliveryOutcome::Delivered, R = DeliveryOutcome::Retrying, F = DeliveryOutcome::Failed;
    ds.record(attempt_of("e1", "app-1", "T1", R, 1));  // 1
    ds.record(attempt_of("e2", "app-2", "T2", D, 2));  // 2
    ds.record(attempt_of("e1", "app-1", "T1", R, 3));  // 3
    ds.record(attempt_of("e3", "app-1", "T3", D, 4));  // 4
    ds.record(attempt_of("e1", "app-1", "T1", F, 5));  // 5
    ds.record(attempt_of("e4", "app-2", "T2", D, 6));  // 6

    auto times = [](const std::vector<AttemptRecord>& rs) {
        std::vector<TimeMs> out;
        for (const auto& r : rs) out.push_back(r.time);
        return out;
    };
    AttemptQuery q;
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{1, 2, 3, 4, 5, 6});
    q.event_id = "e1";
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{1, 3, 5});
    q.limit = 2;
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{3, 5});
    q = AttemptQuery{};
    q.app_id = "app-2";
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{2, 6});
    q = AttemptQuery{};
    q.task = "T1";
    q.outcome = R;
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{1, 3});
    q = AttemptQuery{};
    q.outcome = D;
    q.limit = 10;
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{2, 4, 6});
    q.limit = 1;
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{6});
    q = AttemptQuery{};
    q.app_id = "app-1";
    q.event_id = "e3";
    REQUIRE(times(ds.attempts(q)) == std::vector<TimeMs>{4});
    q.event_id = "nothing";
    REQUIRE(ds.attempts(q).empty());
}

TEST_CASE("Deliveries: a retry is due at its instant, claimed once, earliest first", "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    for (const char* id : {"r1", "r2", "r3", "r4"}) ds.add(delivery(id));
    REQUIRE_FALSE(ds.next_due());
    REQUIRE(ds.retries_pending() == 0);

    ds.schedule_retry("r1", 2, 5000);
    ds.schedule_retry("r2", 3, 2000);
    ds.schedule_retry("r3", 2, 9000);
    ds.schedule_retry("r4", 2, 4000);
    REQUIRE(ds.retries_pending() == 4);
    REQUIRE(ds.next_due() == TimeMs{2000});

    REQUIRE(ds.claim_due(1999).empty());
    auto due = ds.claim_due(5000);
    REQUIRE(due.size() == 3);
    REQUIRE(due[0].delivery_id == "r2");
    REQUIRE(due[0].attempt == 3);
    REQUIRE(due[0].when == 2000);
    REQUIRE(due[1].delivery_id == "r4");
    REQUIRE(due[2].delivery_id == "r1");
    REQUIRE(due[2].attempt == 2);
    REQUIRE(due[2].when == 5000);
    // The outbox puts each claimed retry on the wire at once, which acknowledges the claim (a shared engine
    // keeps an unacknowledged claim until its lease runs out, then hands it to whoever claims next).
    for (const auto& r : due) REQUIRE(ds.begin_attempt(r.delivery_id, r.attempt));
    REQUIRE(ds.claim_due(5000).empty());
    REQUIRE(ds.retries_pending() == 1);
    REQUIRE(ds.next_due() == TimeMs{9000});
    auto last = ds.claim_due(100000);
    REQUIRE(last.size() == 1);
    REQUIRE(last[0].delivery_id == "r3");
    REQUIRE(ds.begin_attempt("r3", 2));
    REQUIRE_FALSE(ds.next_due());
    REQUIRE(ds.retries_pending() == 0);
}

TEST_CASE("Deliveries: take_retries hands back every scheduled retry, due or not, and empties the schedule",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    for (const char* id : {"r1", "r2", "r3"}) ds.add(delivery(id));
    ds.schedule_retry("r1", 2, 1000);
    ds.schedule_retry("r2", 2, 50000);
    ds.schedule_retry("r3", 3, 90000);

    auto all = ds.take_retries();
    REQUIRE(all.size() == 3);
    std::set<std::string> ids;
    for (const auto& r : all) {
        ids.insert(r.delivery_id);
        if (r.delivery_id == "r3") {
            REQUIRE(r.attempt == 3);
            REQUIRE(r.when == 90000);
        }
    }
    REQUIRE(ids == std::set<std::string>{"r1", "r2", "r3"});
    REQUIRE(ds.retries_pending() == 0);
    REQUIRE_FALSE(ds.next_due());
    REQUIRE(ds.claim_due(1000000).empty());
    REQUIRE(ds.take_retries().empty());
}

TEST_CASE("Deliveries: scheduling a retry earlier than any pending one tells the wakeup",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    RecordingWakeup wakeup;  // outlives the engine
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    ds.set_wakeup(&wakeup);
    for (const char* id : {"r1", "r2"}) ds.add(delivery(id));

    ds.schedule_retry("r1", 2, 8000);
    ds.schedule_retry("r2", 2, 3000);
    auto told = [&](TimeMs when) {
        std::lock_guard<std::mutex> lock(wakeup.mu);
        return std::find(wakeup.calls.begin(), wakeup.calls.end(), when) != wakeup.calls.end();
    };
    REQUIRE(told(8000));
    REQUIRE(told(3000));
    ds.set_wakeup(nullptr);
    const std::size_t calls = wakeup.calls.size();
    ds.add(delivery("r3"));
    ds.schedule_retry("r3", 2, 1000);
    REQUIRE(wakeup.calls.size() == calls);
}

TEST_CASE("Deliveries: past the bound the oldest finished deliveries are forgotten", "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, bounded(3));
    auto& ds = e->deliveries();
    for (int i = 1; i <= 6; ++i) ds.add(delivery("d" + std::to_string(i)));
    REQUIRE_FALSE(ds.find("d1"));
    REQUIRE_FALSE(ds.find("d2"));
    REQUIRE_FALSE(ds.find("d3"));
    REQUIRE(ds.find("d4"));
    REQUIRE(ds.find("d5"));
    REQUIRE(ds.find("d6"));
}

TEST_CASE("Deliveries: the bound never forgets a delivery on the wire or waiting for a retry",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, bounded(2));
    auto& ds = e->deliveries();
    ds.add(delivery("sending"));
    REQUIRE(ds.begin_attempt("sending", 1));
    ds.add(delivery("retrying"));
    ds.schedule_retry("retrying", 2, 5000);
    for (int i = 1; i <= 10; ++i) ds.add(delivery("f" + std::to_string(i)));

    REQUIRE(ds.find("sending"));
    REQUIRE(ds.find("retrying"));
    REQUIRE(ds.find("f10"));
    REQUIRE(ds.claim_due(5000).size() == 1);
    REQUIRE(ds.begin_attempt("retrying", 2));  // claimed and sent: still there, still in play
    for (int i = 11; i <= 20; ++i) ds.add(delivery("f" + std::to_string(i)));
    REQUIRE(ds.find("sending"));
    REQUIRE(ds.find("retrying"));
    REQUIRE(ds.find("sending")->sending >= 1);
}

TEST_CASE("Deliveries: the bound never forgets a delivery waiting for its task's turn or holding its slot",
          "[state][deliveries]") {
    // release_task_slot hands the slot to the next delivery, which the outbox then puts on the wire:
    // forgotten before that, the task's slot would stay held by a delivery nobody can send, and its later
    // events wait for ever.
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, bounded(2));
    auto& ds = e->deliveries();
    const std::string task = "app-1/room/t1";
    ds.add(delivery("first", task));
    REQUIRE(ds.take_task_slot(task, "first"));
    REQUIRE(ds.begin_attempt("first", 1));
    ds.add(delivery("second", task));
    REQUIRE_FALSE(ds.take_task_slot(task, "second"));
    for (int i = 1; i <= 5; ++i) ds.add(delivery("f" + std::to_string(i)));
    REQUIRE(ds.find("second"));  // waiting for its turn

    ds.end_attempt("first");
    REQUIRE(ds.release_task_slot(task) == std::string("second"));
    for (int i = 6; i <= 8; ++i) ds.add(delivery("f" + std::to_string(i)));
    REQUIRE(ds.find("second"));  // holds the slot, its first attempt not yet begun
    REQUIRE(ds.find("second")->holds_task_slot);
    REQUIRE(ds.begin_attempt("second", 1));
}

TEST_CASE("Deliveries: past the bound finished deliveries go even while an older one is still in play",
          "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, bounded(2));
    auto& ds = e->deliveries();
    ds.add(delivery("slow"));
    REQUIRE(ds.begin_attempt("slow", 1));  // its receiver takes its time
    for (int i = 1; i <= 6; ++i) ds.add(delivery("f" + std::to_string(i)));
    REQUIRE(ds.find("slow"));
    REQUIRE(ds.find("f6"));
    // Six finished deliveries against a bound of two: the oldest of them are forgotten whatever the bound
    // counts (all deliveries, or finished ones only).
    REQUIRE_FALSE(ds.find("f1"));
    REQUIRE_FALSE(ds.find("f2"));
    REQUIRE_FALSE(ds.find("f3"));
}

TEST_CASE("Deliveries: clear forgets deliveries, task slots, attempts and retries", "[state][deliveries]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, {});
    auto& ds = e->deliveries();
    for (const char* id : {"c1", "c2"}) ds.add(delivery(id, "T"));
    REQUIRE(ds.take_task_slot("T", "c1"));
    REQUIRE_FALSE(ds.take_task_slot("T", "c2"));
    ds.schedule_retry("c1", 2, 4000);
    ds.record(attempt_of("c1", "app-1", "T", DeliveryOutcome::Retrying, 1));

    ds.clear();
    REQUIRE_FALSE(ds.find("c1"));
    REQUIRE_FALSE(ds.find("c2"));
    REQUIRE(ds.attempts({}).empty());
    REQUIRE(ds.retries_pending() == 0);
    REQUIRE_FALSE(ds.next_due());
    REQUIRE(ds.claim_due(100000).empty());
    REQUIRE(ds.drop_waiting().empty());
    REQUIRE_FALSE(ds.release_task_slot("T"));
    ds.add(delivery("c3", "T"));
    REQUIRE(ds.take_task_slot("T", "c3"));  // the task's slot is free
}

TEST_CASE(
    "Deliveries: a retry claimed by a replica that never puts it on the wire is claimed by another "
    "once the lease runs out",
    "[state][deliveries][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // shares nothing with another engine
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, {}, prefix);
    auto b = test::make_engine(engine, {}, prefix);
    const TimeMs lease = test::redis_settings(prefix).lease_ms;
    a->deliveries().add(delivery("r1"));
    a->deliveries().schedule_retry("r1", 2, 5000);
    REQUIRE(b->deliveries().retries_pending() == 1);
    REQUIRE(b->deliveries().next_due() == TimeMs{5000});

    auto by_a = a->deliveries().claim_due(5000);  // then A dies: no begin_attempt
    REQUIRE(by_a.size() == 1);
    REQUIRE(b->deliveries().claim_due(5000 + lease - 1).empty());  // A's lease still runs
    REQUIRE(b->deliveries().next_due() == TimeMs{5000 + lease});   // B's pump wakes when it ends
    auto by_b = b->deliveries().claim_due(5000 + lease);
    REQUIRE(by_b.size() == 1);
    REQUIRE(by_b[0].delivery_id == "r1");
    REQUIRE(by_b[0].attempt == 2);
    REQUIRE(by_b[0].when == 5000);
    REQUIRE(b->deliveries().find("r1"));  // still kept: in play while claimed

    // B puts it on the wire: acknowledged, nobody claims it again.
    REQUIRE(b->deliveries().begin_attempt("r1", 2));
    REQUIRE_FALSE(a->deliveries().next_due());
    REQUIRE(a->deliveries().claim_due(5000 + 10 * lease).empty());
    REQUIRE(a->deliveries().find("r1")->sending == 1);
}

TEST_CASE("Deliveries: replicas share deliveries, task slots and the attempts' journal",
          "[state][deliveries][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // shares nothing with another engine
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, {}, prefix);
    auto b = test::make_engine(engine, {}, prefix);
    a->deliveries().add(delivery("d1", "T"));
    b->deliveries().add(delivery("d2", "T"));
    REQUIRE(a->deliveries().take_task_slot("T", "d1"));
    REQUIRE_FALSE(b->deliveries().take_task_slot("T", "d2"));  // behind A's delivery of the same task
    REQUIRE(b->deliveries().find("d1")->holds_task_slot);
    REQUIRE(b->deliveries().release_task_slot("T") == std::string("d2"));
    REQUIRE(a->deliveries().find("d2")->holds_task_slot);

    auto first = a->deliveries().record(attempt_of("d1", "app-1", "T", DeliveryOutcome::Delivered, 1));
    auto second = b->deliveries().record(attempt_of("d2", "app-1", "T", DeliveryOutcome::Delivered, 2));
    REQUIRE(second.seq == first.seq + 1);
    REQUIRE(seqs_of(a->deliveries().attempts({})) == std::vector<std::uint64_t>{first.seq, second.seq});
}

TEST_CASE("Deliveries: on a shared engine each step of a callback is one round trip",
          "[state][deliveries][round-trips]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // no round trips in process
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, bounded(3));
    auto& ds = e->deliveries();
    for (int i = 0; i < 5; ++i) ds.add(delivery("old" + std::to_string(i)));  // the bound trims
    // What the outbox does for one task event (keep it, take the task's slot, send, answer, find, journal,
    // release), then a retry (schedule, next due, claim): the round trips of each step.
    auto steps = [&](const std::string& id, TimeMs when) {
        std::vector<std::uint64_t> trips;
        auto last = e->round_trips();
        auto mark = [&] {
            trips.push_back(e->round_trips() - last);
            last = e->round_trips();
        };
        ds.add(delivery(id, "T"));
        mark();
        REQUIRE(ds.take_task_slot("T", id));
        mark();
        REQUIRE(ds.begin_attempt(id, 1));
        mark();
        ds.end_attempt(id);
        mark();
        REQUIRE(ds.find(id));
        mark();
        ds.record(attempt_of(id, "app-1", "T", DeliveryOutcome::Delivered, 1));
        mark();
        REQUIRE_FALSE(ds.release_task_slot("T"));
        mark();
        ds.schedule_retry(id, 2, when);
        mark();
        REQUIRE(ds.next_due());
        mark();
        REQUIRE(ds.claim_due(when).size() == 1);
        mark();
        REQUIRE(ds.begin_attempt(id, 2));
        ds.end_attempt(id);
        return trips;
    };
    steps("warm", 100);  // Redis may load a script the first time it runs
    REQUIRE(steps("d1", 200) == std::vector<std::uint64_t>(10, 1));
}
