#include <benchmark/benchmark.h>

#include "core/callbacks/callback_signature.h"

using namespace rtc;

namespace {
callbacks::CallbackEnvelope envelope() {
    callbacks::CallbackEnvelope e;
    e.event_type = "WebcastStatusChanged";
    e.event_data = R"({"AppId":"600000000000000000000000","BusinessId":"","RoomId":"room1","TaskId":"task1",)"
                   R"("UserId":"webcast_1","Status":1,"Reason":"","Timestamp":1733011200000})";
    e.event_time = "2024-12-01T00:00:00Z";
    e.event_id = "evt-0000000001";
    e.app_id = "600000000000000000000000";
    e.nonce = "a1B2";
    return e;
}
}  // namespace

// Signing one callback: sort eight values, concatenate, sha256.
static void BM_CallbackSign(benchmark::State& state) {
    const callbacks::CallbackEnvelope e = envelope();
    for (auto _ : state) {
        std::string s = callbacks::callback_signature(e, "callback-secret");
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(BM_CallbackSign);

// Signing and serialising a callback body as the dispatcher sends it.
static void BM_CallbackSignAndSerialise(benchmark::State& state) {
    callbacks::CallbackEnvelope e = envelope();
    for (auto _ : state) {
        e.signature = callbacks::callback_signature(e, "callback-secret");
        std::string body = e.to_json().dump();
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(BM_CallbackSignAndSerialise);

// What a receiver (the conformance harness) does: parse and verify.
static void BM_CallbackParseAndVerify(benchmark::State& state) {
    callbacks::CallbackEnvelope e = envelope();
    e.signature = callbacks::callback_signature(e, "callback-secret");
    const std::string body = e.to_json().dump();
    for (auto _ : state) {
        callbacks::CallbackEnvelope got;
        std::string error;
        bool ok = callbacks::CallbackEnvelope::from_json(body, got, error) &&
                  callbacks::verify_callback_signature(got, "callback-secret");
        benchmark::DoNotOptimize(ok);
    }
}
BENCHMARK(BM_CallbackParseAndVerify);
