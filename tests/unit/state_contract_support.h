// What the contract tests of the state engine share: a Webcast task to store, its key, and one-line
// transitions (tests/unit/state_contract_*.cpp).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/state/webcast_tasks.h"
#include "support/engines.h"

namespace rtc::test::contract {

using state::DueTimer;
using state::TaskTxn;
using state::WebcastTasks;
using webcast::TaskKey;
using webcast::TaskStatus;
using webcast::WebcastTask;
using webcast::WebcastTimer;

inline const char* const kApp = "app-contract";

// A running task of kApp in room "room", on page instance 1, started at `start`.
inline webcast::WebcastTask new_task(const std::string& task_id, TimeMs start = 1000) {
    webcast::WebcastTask t;
    t.spec.app_id = kApp;
    t.spec.room_id = "room";
    t.spec.task_id = task_id;
    t.spec.user_id = "user";
    t.spec.source_url = "https://example.com/" + task_id;
    t.account_id = "2100000001";
    t.start_time = start;
    t.status = webcast::TaskStatus::NotStarted;
    t.instance = 1;
    return t;
}

inline webcast::TaskKey key_of(const std::string& task_id) {
    return webcast::TaskKey{kApp, "room", task_id};
}

inline state::WebcastTasks::Created create(state::WebcastTasks& tasks, const webcast::WebcastTask& task,
                                           bool restart_ended = false) {
    return tasks.create(
        task, restart_ended, [](state::TaskTxn&) {}, [](const webcast::WebcastTask&) {});
}

// Runs `f(txn)` on the task as one transition; what transition() answers.
template <typename F>
bool step(state::WebcastTasks& tasks, const webcast::TaskKey& key, F&& f, std::uint64_t generation = 0,
          std::uint64_t instance = 0) {
    return tasks.transition(
        key, generation, instance, [&](state::TaskTxn& txn) { f(txn); }, [](const webcast::WebcastTask&) {});
}

// The same, `f` changing the record only.
template <typename F>
bool change(state::WebcastTasks& tasks, const webcast::TaskKey& key, F&& f, std::uint64_t generation = 0,
            std::uint64_t instance = 0) {
    return step(
        tasks, key, [&](state::TaskTxn& txn) { f(txn.task()); }, generation, instance);
}

// Ends the task (StopByAPI at `now`); false when it was not running.
inline bool end_task(state::WebcastTasks& tasks, const webcast::TaskKey& key, TimeMs now = 2000,
                     std::uint64_t generation = 0) {
    return change(
        tasks, key,
        [&](webcast::WebcastTask& t) {
            t.status = webcast::TaskStatus::Ended;
            t.end_time = now;
            t.stop_reason = "StopByAPI";
        },
        generation);
}

inline std::uint64_t version_of(state::WebcastTasks& tasks, const webcast::TaskKey& key) {
    auto t = tasks.get(key);
    REQUIRE(t);
    return t->version;
}

// Records when it was told that an event is due.
struct RecordingWakeup final : state::DueWakeup {
    std::mutex mu;
    std::vector<TimeMs> calls;
    void due_at(TimeMs when) override {
        std::lock_guard<std::mutex> lock(mu);
        calls.push_back(when);
    }
    bool told(TimeMs when) {
        std::lock_guard<std::mutex> lock(mu);
        return std::find(calls.begin(), calls.end(), when) != calls.end();
    }
    std::size_t size() {
        std::lock_guard<std::mutex> lock(mu);
        return calls.size();
    }
};

}  // namespace rtc::test::contract
