// The callbacks family's JSON for a state store (core/state/codec/callbacks_json.h): every field of a
// delivery, an attempt and a due retry survives encode -> decode, and a bad field is named.
#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>
#include <string>

#include "core/state/codec/callbacks_json.h"

using namespace rtc;
using callbacks::AttemptRecord;
using callbacks::DeliveryOutcome;
using callbacks::DeliveryRecord;
using callbacks::DueRetry;

namespace {

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("Codec: a delivery record survives encode and decode with every field", "[state][codec]") {
    DeliveryRecord d;
    d.base.delivery_id = "del-1";
    d.base.event_id = "ev-1";
    d.base.app_id = "app-1";
    d.base.url = "http://127.0.0.1:9/cb";
    d.base.body = "{\"EventId\":\"ev-1\",\"Text\":\"caf\xc3\xa9\"}";
    d.base.attempt = 3;
    d.base.timeout_ms = 4321;
    d.event_type = "WebcastStatusChanged";
    d.business_id = "biz";
    d.task = "app-1/room/t1";
    d.holds_task_slot = true;
    d.waiting_turn = true;
    d.sending = 2;

    const DeliveryRecord back = state::codec::decode_delivery_record(state::codec::encode(d));
    REQUIRE(back.base.delivery_id == d.base.delivery_id);
    REQUIRE(back.base.event_id == d.base.event_id);
    REQUIRE(back.base.app_id == d.base.app_id);
    REQUIRE(back.base.url == d.base.url);
    REQUIRE(back.base.body == d.base.body);
    REQUIRE(back.base.attempt == 3);
    REQUIRE(back.base.timeout_ms == 4321);
    REQUIRE(back.event_type == d.event_type);
    REQUIRE(back.business_id == "biz");
    REQUIRE(back.task == d.task);
    REQUIRE(back.holds_task_slot);
    REQUIRE(back.waiting_turn);
    REQUIRE(back.sending == 2);
}

TEST_CASE("Codec: an attempt record survives encode and decode with every field, its outcome by name",
          "[state][codec]") {
    for (auto outcome : {DeliveryOutcome::Delivered, DeliveryOutcome::Retrying, DeliveryOutcome::Failed,
                         DeliveryOutcome::Abandoned}) {
        AttemptRecord a;
        a.seq = 77;
        a.delivery_id = "del-1";
        a.event_id = "ev-1";
        a.event_type = "WebcastStatusChanged";
        a.app_id = "app-1";
        a.business_id = "biz";
        a.task = "app-1/room/t1";
        a.url = "http://127.0.0.1:9/cb";
        a.attempt = 2;
        a.resend = true;
        a.time = 1700000000123;
        a.http_status = 502;
        a.error = "HTTP 502 is not 200";
        a.duration_ms = 12.5;
        a.outcome = outcome;
        a.next_retry_at = 1700000002123;
        a.body = "{}";

        const auto j = state::codec::encode(a);
        REQUIRE(j["Outcome"] == callbacks::to_string(outcome));
        const AttemptRecord back = state::codec::decode_attempt_record(j);
        REQUIRE(back.seq == 77);
        REQUIRE(back.delivery_id == a.delivery_id);
        REQUIRE(back.event_id == a.event_id);
        REQUIRE(back.event_type == a.event_type);
        REQUIRE(back.app_id == a.app_id);
        REQUIRE(back.business_id == a.business_id);
        REQUIRE(back.task == a.task);
        REQUIRE(back.url == a.url);
        REQUIRE(back.attempt == 2);
        REQUIRE(back.resend);
        REQUIRE(back.time == a.time);
        REQUIRE(back.http_status == 502);
        REQUIRE(back.error == a.error);
        REQUIRE(back.duration_ms == 12.5);
        REQUIRE(back.outcome == outcome);
        REQUIRE(back.next_retry_at == a.next_retry_at);
        REQUIRE(back.body == "{}");
    }
}

TEST_CASE("Codec: a due retry survives encode and decode", "[state][codec]") {
    const DueRetry back =
        state::codec::decode_due_retry(state::codec::encode(DueRetry{"del-9", 3, 1700000009000}));
    REQUIRE(back.delivery_id == "del-9");
    REQUIRE(back.attempt == 3);
    REQUIRE(back.when == 1700000009000);
}

TEST_CASE("Codec: decoding a callbacks record names the missing, mistyped or unknown field",
          "[state][codec]") {
    auto j = state::codec::encode(DeliveryRecord{});
    j.erase("Task");
    REQUIRE(error_of([&] { state::codec::decode_delivery_record(j); }) == "Delivery.Task: missing");
    j = state::codec::encode(DeliveryRecord{});
    j["Sending"] = "two";
    REQUIRE(error_of([&] { state::codec::decode_delivery_record(j); }) == "Delivery.Sending: wrong type");
    j = state::codec::encode(AttemptRecord{});
    j["Outcome"] = "lost";
    REQUIRE(error_of([&] { state::codec::decode_attempt_record(j); }) == "Attempt.Outcome: unknown value");
    REQUIRE(error_of([&] { state::codec::decode_due_retry(nlohmann::json::object()); }) ==
            "Retry.DeliveryId: missing");
}
