#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <thread>

#include "core/callbacks/outbox.h"
#include "core/events/hub.h"
#include "core/events/live_feed.h"
#include "core/journal/journal.h"
#include "core/state/memory/journal_ring.h"
#include "support/service_harness.h"

using namespace rtc;
using namespace rtc::events;

namespace {

RequestEvent request(std::uint64_t seq, bool throttled = false) {
    auto e = std::make_shared<JournalEntry>();
    e->seq = seq;
    e->action = "GetWebCastTask";
    e->throttled = throttled;
    return {e};
}

TaskEvent task(const std::string& id, TaskStep step) {
    TaskEvent t;
    t.app_id = "app";
    t.room_id = "room";
    t.task_id = id;
    t.step = step;
    return t;
}

}  // namespace

TEST_CASE("a live feed hands over what was published since the previous take, in order", "[live_feed]") {
    LiveFeed feed;
    feed.on_event(request(1));
    feed.on_event(task("t1", TaskStep::Started));
    feed.on_event(request(2, true));
    auto attempt = std::make_shared<callbacks::AttemptRecord>();
    attempt->event_id = "e1";
    feed.on_event(DeliveryEvent{attempt});
    feed.on_event(task("t1", TaskStep::FirstFrame));

    FeedBatch b = feed.take(0);
    REQUIRE(b.requests.size() == 2);
    REQUIRE(b.requests[0]->seq == 1);
    REQUIRE(b.requests[1]->seq == 2);
    REQUIRE(b.requests_seen == 2);
    REQUIRE(b.requests_skipped == 0);
    REQUIRE(b.throttled_seen == 1);
    REQUIRE(b.tasks.size() == 2);
    REQUIRE(b.tasks[0].step == TaskStep::Started);
    REQUIRE(b.tasks[1].step == TaskStep::FirstFrame);
    REQUIRE(b.deliveries.size() == 1);
    REQUIRE(b.deliveries[0]->event_id == "e1");
    REQUIRE_FALSE(b.closed);

    FeedBatch again = feed.take(0);
    REQUIRE(again.empty());
}

TEST_CASE("a flood of requests keeps the first rows of a batch as its sample and counts the rest as skipped",
          "[live_feed]") {
    LiveFeed feed({/*request_rows=*/50, /*other_events=*/1000});
    for (std::uint64_t seq = 1; seq <= 10000; ++seq) feed.on_event(request(seq, seq % 10 == 0));
    FeedBatch b = feed.take(0);
    REQUIRE(b.requests.size() == 50);
    REQUIRE(b.requests.front()->seq == 1);
    REQUIRE(b.requests.back()->seq == 50);
    REQUIRE(b.requests_seen == 10000);
    REQUIRE(b.requests_skipped == 9950);
    REQUIRE(b.throttled_seen == 1000);
    // The next batch samples its own first rows.
    for (std::uint64_t seq = 10001; seq <= 10100; ++seq) feed.on_event(request(seq));
    FeedBatch c = feed.take(0);
    REQUIRE(c.requests.size() == 50);
    REQUIRE(c.requests.front()->seq == 10001);
    REQUIRE(c.requests_skipped == 50);
}

TEST_CASE("publishers on many threads are all counted and never keep more rows than the bound",
          "[live_feed]") {
    LiveFeed feed({25, 1000});
    std::atomic<std::uint64_t> seen{0}, rows{0};
    std::atomic<bool> done{false};
    std::atomic<int> broken{0};  // batches over the bound or whose counts do not add up (checked after join)
    std::thread consumer([&] {
        while (!done.load()) {
            FeedBatch b = feed.take(1);
            if (b.requests.size() > 25 || b.requests_seen != b.requests.size() + b.requests_skipped) ++broken;
            seen += b.requests_seen;
            rows += b.requests.size();
        }
    });
    std::vector<std::thread> publishers;
    for (int t = 0; t < 4; ++t)
        publishers.emplace_back([&] {
            for (int i = 0; i < 20000; ++i) feed.on_event(request(1));
        });
    for (auto& p : publishers) p.join();
    done = true;
    consumer.join();
    REQUIRE(broken == 0);
    FeedBatch last = feed.take(0);
    seen += last.requests_seen;
    rows += last.requests.size();
    // A row counted in one batch and kept in the next is counted once per batch it appears in, at most.
    REQUIRE(seen >= 80000);
    REQUIRE(seen <= 80000 + rows);
}

TEST_CASE("task and delivery events over the bound are lost and counted, never queued", "[live_feed]") {
    LiveFeed feed({50, 100});
    for (int i = 0; i < 250; ++i) feed.on_event(task("t" + std::to_string(i), TaskStep::Check));
    FeedBatch b = feed.take(0);
    REQUIRE(b.tasks.size() == 100);
    REQUIRE(b.tasks.front().task_id == "t0");
    REQUIRE(b.lost == 150);
    // The next batch starts from zero.
    feed.on_event(task("next", TaskStep::Ended));
    FeedBatch c = feed.take(0);
    REQUIRE(c.tasks.size() == 1);
    REQUIRE(c.lost == 0);
}

TEST_CASE("fault hits are coalesced per rule", "[live_feed]") {
    LiveFeed feed({50, 2});
    for (int i = 0; i < 1000; ++i)
        feed.on_event(FaultEvent{"f-1", faults::FaultType::Error, "StartWebcast", i});
    feed.on_event(FaultEvent{"f-2", faults::FaultType::Latency, "GetWebCastTask", 5});
    FeedBatch b = feed.take(0);
    REQUIRE(b.faults.size() == 2);
    REQUIRE(b.faults[0].fault_id == "f-1");
    REQUIRE(b.faults[0].hits == 1000);
    REQUIRE(b.faults[0].last_time == 999);
    REQUIRE(b.faults[1].hits == 1);
    REQUIRE(b.lost == 0);
}

TEST_CASE("closing a feed wakes a consumer waiting for its batch", "[live_feed]") {
    auto feed = std::make_shared<LiveFeed>();
    std::atomic<bool> returned{false};
    FeedBatch b;
    std::thread consumer([&] {
        b = feed->take(60000);
        returned = true;
    });
    feed->on_event(request(1));  // publishing does not cut the wait short
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE_FALSE(returned.load());
    feed->close();
    consumer.join();
    REQUIRE(returned.load());
    REQUIRE(b.closed);
    REQUIRE(b.requests.size() == 1);
}

TEST_CASE("a feed subscribed to the hub receives the journal's entries and ends when the hub closes",
          "[live_feed]") {
    // The service journals each answered request and publishes it on its hub; shutting down closes the hub.
    rtc::test::ServiceHarness h;
    auto feed = std::make_shared<LiveFeed>();
    h.service->admin().subscribe(feed);
    h.call();
    h.call();
    h.service->shutdown();
    FeedBatch b = feed->take(60000);
    REQUIRE(b.closed);
    REQUIRE(b.requests.size() == 2);
    REQUIRE(b.requests[1]->seq == 2);
    REQUIRE(b.requests[1]->action == rtc::test::kOkAction);
    REQUIRE(b.requests[1] == h.parts->engine->journal().at(2));
    // Closed: later events are ignored.
    feed->on_event(request(3));
    REQUIRE(feed->take(0).requests.empty());
}

TEST_CASE("the journal finds an entry by its Seq until the bound evicts it", "[journal]") {
    state::memory::JournalRing journal(3);
    JournalEntry e;
    for (int i = 0; i < 5; ++i) {
        e.action = "A" + std::to_string(i + 1);
        journal.record(JournalEntry(e));
    }
    REQUIRE(journal.at(1) == nullptr);
    REQUIRE(journal.at(2) == nullptr);
    REQUIRE(journal.at(3)->action == "A3");
    REQUIRE(journal.at(5)->action == "A5");
    REQUIRE(journal.at(6) == nullptr);
    REQUIRE(journal.at(0) == nullptr);
    journal.clear();
    REQUIRE(journal.at(5) == nullptr);
    journal.record(JournalEntry(e));
    REQUIRE(journal.at(6)->seq == 6);
}
