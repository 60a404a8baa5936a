// One owner per task transition: StartWebcast and StopWebcast of the same task racing from several threads
// (what a load test does) leave every stopped task with exactly one end callback and no timer behind.
#include <catch2/catch.hpp>

#include <map>
#include <thread>
#include <vector>

#include "core/callbacks/callback_signature.h"
#include "support/service_harness.h"

using namespace rtc;
using nlohmann::json;

namespace {

// Answers every delivery with 200 at once and keeps what it was given.
struct RecordingTransport : callbacks::CallbackTransport {
    std::mutex mu;
    std::vector<callbacks::Delivery> sent;
    void send(callbacks::Delivery d, std::function<void(callbacks::DeliveryResult)> done) override {
        {
            std::lock_guard<std::mutex> lock(mu);
            sent.push_back(std::move(d));
        }
        done(callbacks::DeliveryResult{200, "", 1.0});
    }
    std::size_t drain(std::int64_t) override { return 0; }
};

json key_body(const std::string& task) {
    return {{"AppId", test::kApp}, {"RoomId", "race"}, {"TaskId", task}};
}

}  // namespace

TEST_CASE(
    "a StopWebcast racing its StartWebcast always ends the task with exactly one end callback and leaves "
    "no timer",
    "[webcast][race]") {
    auto transport = std::make_shared<RecordingTransport>();
    test::Harness h({}, transport);
    h.parts->engine->callback_settings().put(
        test::kApp, "", AppCallback{"http://127.0.0.1:9/cb", "race-secret", {}}, h.clock->now_ms());

    constexpr int kTasks = 4000;
    constexpr int kPairs = 3;  // start/stop thread pairs, each on its own slice of the tasks
    std::vector<std::thread> threads;
    for (int p = 0; p < kPairs; ++p) {
        // One thread starts the tasks of its slice; its partner stops each one as soon as it exists.
        threads.emplace_back([&h, p] {
            for (int i = p; i < kTasks; i += kPairs) {
                json body = test::webcast_body("t" + std::to_string(i));
                body["RoomId"] = "race";
                h.post("StartWebcast", body);
            }
        });
        threads.emplace_back([&h, p] {
            for (int i = p; i < kTasks; i += kPairs) {
                const std::string task = "t" + std::to_string(i);
                while (h.post("StopWebcast", key_body(task)).code() ==
                       "InvalidParameter.ErrorActiveTaskNotFound") {
                }
            }
        });
    }
    for (auto& t : threads) t.join();

    // Every task was stopped by the API: nothing may be left to fire, and nothing fires later.
    CHECK(h.parts->pump.pending() == 0);
    h.advance_ms(2 * 86400 * 1000);

    std::map<std::string, std::vector<std::pair<int, std::string>>> by_task;
    for (const auto& d : transport->sent) {
        callbacks::CallbackEnvelope env;
        std::string error;
        REQUIRE(callbacks::CallbackEnvelope::from_json(d.body, env, error));
        json data = json::parse(env.event_data);
        by_task[data["TaskId"].get<std::string>()].push_back({data["Status"].get<int>(), data["Reason"]});
    }
    int wrong = 0;
    for (int i = 0; i < kTasks; ++i) {
        const auto& calls = by_task["t" + std::to_string(i)];
        const bool one_end = calls.size() == 1 && calls[0] == std::make_pair(2, std::string("StopByAPI"));
        if (!one_end) {
            ++wrong;
            UNSCOPED_INFO("task t" << i << " got " << calls.size() << " callbacks");
        }
    }
    CHECK(wrong == 0);
}
