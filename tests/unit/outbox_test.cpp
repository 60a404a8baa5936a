#include <catch2/catch.hpp>

#include "unit/lifecycle_support.h"

using namespace rtc;
using namespace rtc::test;

namespace {
nlohmann::json data(int status) {
    return {{"Status", status}, {"Reason", ""}};
}
std::vector<std::string> outcomes(const std::vector<callbacks::AttemptRecord>& a) {
    std::vector<std::string> out;
    for (const auto& r : a) out.push_back(callbacks::to_string(r.outcome));
    return out;
}
}  // namespace

TEST_CASE("a failed delivery is retried after 1 s then 2 s with the same EventId, every attempt journaled",
          "[outbox]") {
    LifecycleRig rig;
    rig.transport->answers = {500, 503, 200};
    auto& outbox = rig.parts->callbacks.outbox();
    const TimeMs t0 = rig.clock->now_ms();
    std::string id = rig.parts->callbacks.emit(kApp, "", "task", data(1), t0);
    REQUIRE(rig.transport->sent_count() == 1);
    rig.advance_s(0.99);
    REQUIRE(rig.transport->sent_count() == 1);
    rig.advance_s(0.01);
    REQUIRE(rig.transport->sent_count() == 2);
    rig.advance_s(1.99);
    REQUIRE(rig.transport->sent_count() == 2);
    rig.advance_s(0.01);
    REQUIRE(rig.transport->sent_count() == 3);
    rig.advance_s(60);
    REQUIRE(rig.transport->sent_count() == 3);
    for (const auto& r : rig.received()) REQUIRE(r.envelope.event_id == id);

    auto attempts = outbox.attempts({id, "", "", {}, 0});
    REQUIRE(outcomes(attempts) == std::vector<std::string>{"retrying", "retrying", "delivered"});
    REQUIRE(attempts[0].attempt == 1);
    REQUIRE(attempts[0].http_status == 500);
    REQUIRE(attempts[0].time == t0);
    REQUIRE(attempts[0].next_retry_at == t0 + 1000);
    REQUIRE(attempts[1].time == t0 + 1000);
    REQUIRE(attempts[2].attempt == 3);
    REQUIRE(attempts[2].time == t0 + 3000);
    REQUIRE(attempts[2].http_status == 200);
    REQUIRE(attempts[2].error.empty());
}

TEST_CASE("a delivery that never gets HTTP 200 stops after 2 retries (3 deliveries in all)", "[outbox]") {
    LifecycleRig rig;
    rig.transport->answers = {500, 201, 404, 500};
    std::string id = rig.parts->callbacks.emit(kApp, "", "task", data(1), rig.clock->now_ms());
    rig.advance_s(600);
    REQUIRE(rig.transport->sent_count() == 3);
    auto attempts = rig.parts->callbacks.outbox().attempts({id, "", "", {}, 0});
    REQUIRE(outcomes(attempts) == std::vector<std::string>{"retrying", "retrying", "failed"});
    REQUIRE(attempts[1].http_status == 201);  // only 200 counts
    // The metrics count the final outcome once, not each attempt.
    REQUIRE(rig.parts->metrics.callbacks_failed() == 1);
    REQUIRE(rig.parts->metrics.callbacks_delivered() == 0);
}

TEST_CASE("a delivered callback counts once in the metrics", "[outbox]") {
    LifecycleRig rig;
    rig.transport->answers = {500, 200};
    rig.parts->callbacks.emit(kApp, "", "task", data(1), rig.clock->now_ms());
    rig.advance_s(600);
    REQUIRE(rig.transport->sent_count() == 2);
    REQUIRE(rig.parts->metrics.callbacks_delivered() == 1);
    REQUIRE(rig.parts->metrics.callbacks_failed() == 0);
}

TEST_CASE("Callbacks.RetryDelaysMs sets the retry count and delays", "[outbox]") {
    LifecycleRig rig(test_config([](nlohmann::json& d) { d["Callbacks"]["RetryDelaysMs"] = {5000}; }));
    rig.transport->answers = {500, 500};
    rig.parts->callbacks.emit(kApp, "", "task", data(1), rig.clock->now_ms());
    rig.advance_s(4.9);
    REQUIRE(rig.transport->sent_count() == 1);
    rig.advance_s(100);
    REQUIRE(rig.transport->sent_count() == 2);
}

TEST_CASE("a resend puts the same body on the wire once more, marked as a resend", "[outbox]") {
    LifecycleRig rig;
    auto& outbox = rig.parts->callbacks.outbox();
    std::string id = rig.parts->callbacks.emit(kApp, "", "task", data(1), rig.clock->now_ms());
    std::string error;
    REQUIRE(outbox.resend(id, error));
    REQUIRE(rig.transport->sent_count() == 2);
    REQUIRE(rig.transport->sent[0].body == rig.transport->sent[1].body);
    auto attempts = outbox.attempts({id, "", "", {}, 0});
    REQUIRE(attempts.size() == 2);
    REQUIRE(attempts[1].resend);
    REQUIRE(attempts[1].attempt == 2);
    REQUIRE_FALSE(outbox.resend("no-such-delivery", error));
    REQUIRE_THAT(error, Catch::Contains("no-such-delivery"));
}

TEST_CASE("an app without a callback, or not subscribed to the event, gets nothing", "[outbox]") {
    LifecycleRig rig;
    REQUIRE(rig.parts->callbacks.emit("600000000000000000000002", "", "t", data(1), 0).empty());
    auto& store = rig.parts->callbacks.store();
    store.put(kApp, "", AppCallback{"http://127.0.0.1:9/cb", kSecret, {"SomethingElse"}}, 0);
    REQUIRE(rig.parts->callbacks.emit(kApp, "", "t", data(1), 0).empty());
    store.put(kApp, "", AppCallback{"http://127.0.0.1:9/cb", kSecret, {"WebcastStatusChanged"}}, 0);
    REQUIRE_FALSE(rig.parts->callbacks.emit(kApp, "", "t", data(1), 0).empty());
    REQUIRE(rig.transport->sent_count() == 1);
}

TEST_CASE("the events of one task leave in order: the next waits for the previous first attempt",
          "[outbox]") {
    LifecycleRig rig;
    rig.transport->hold = true;
    rig.parts->callbacks.emit(kApp, "", "task-a", data(1), 0);
    rig.parts->callbacks.emit(kApp, "", "task-a", data(2), 0);
    rig.parts->callbacks.emit(kApp, "", "task-b", data(1), 0);  // another task is not held up
    REQUIRE(rig.transport->sent_count() == 2);
    rig.transport->release_one();
    REQUIRE(rig.transport->sent_count() == 3);
    auto r = rig.received();
    REQUIRE(r[0].status() == 1);
    REQUIRE(r[1].status() == 1);
    REQUIRE(r[2].status() == 2);
}

TEST_CASE("shutdown records a retry that is not due yet as abandoned; nothing is silently lost", "[outbox]") {
    LifecycleRig rig;
    rig.transport->answers = {500};
    auto& outbox = rig.parts->callbacks.outbox();
    std::string id = rig.parts->callbacks.emit(kApp, "", "task", data(1), rig.clock->now_ms());
    REQUIRE(outbox.retries_pending() == 1);
    rig.parts->shutdown();
    auto attempts = outbox.attempts({id, "", "", {}, 0});
    if (rig.parts->engine->shared()) {
        // A shared engine's retry is every replica's: the one stopping leaves it to the others.
        REQUIRE(outcomes(attempts) == std::vector<std::string>{"retrying"});
        REQUIRE(outbox.retries_pending() == 1);
        return;
    }
    REQUIRE(outcomes(attempts) == std::vector<std::string>{"retrying", "abandoned"});
    REQUIRE(attempts[1].attempt == 2);
    REQUIRE(outbox.retries_pending() == 0);
}

TEST_CASE("shutdown records sends still in flight as abandoned once the flush time runs out", "[outbox]") {
    LifecycleRig rig;
    rig.transport->hold = true;
    auto& outbox = rig.parts->callbacks.outbox();
    std::string id = rig.parts->callbacks.emit(kApp, "", "task", data(1), rig.clock->now_ms());
    rig.parts->shutdown();
    auto attempts = outbox.attempts({id, "", "", {}, 0});
    REQUIRE(outcomes(attempts) == std::vector<std::string>{"abandoned"});
    rig.transport->release_one();  // a late answer is ignored
    REQUIRE(outbox.attempts({id, "", "", {}, 0}).size() == 1);
}

TEST_CASE("the delivery journal is bounded and filters by event, app, task and outcome", "[outbox]") {
    LifecycleRig rig(test_config([](nlohmann::json& d) { d["Callbacks"]["JournalCapacity"] = 3; }));
    auto& outbox = rig.parts->callbacks.outbox();
    for (int i = 0; i < 5; ++i) rig.parts->callbacks.emit(kApp, "", "task-" + std::to_string(i), data(1), 0);
    auto all = outbox.attempts();
    REQUIRE(all.size() == 3);
    REQUIRE(all.front().task == "task-2");
    REQUIRE(outbox.attempts({"", "", "task-4", {}, 0}).size() == 1);
    REQUIRE(outbox.attempts({"", "other-app", "", {}, 0}).empty());
    REQUIRE(outbox.attempts({"", "", "", callbacks::DeliveryOutcome::Failed, 0}).empty());
    REQUIRE(outbox.attempts({"", "", "", {}, 2}).size() == 2);
}
