// What an open inspector stream costs the API path: recording a journal entry and publishing it on the event
// hub (as the pipeline does), with no subscriber and with one live feed (its consumer taking a batch every
// 250 ms, as a stream does). Past the batch's 25 rows the feed's share is two atomic increments.
#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <thread>

#include "core/events/hub.h"
#include "core/events/live_feed.h"
#include "core/journal/journal.h"
#include "core/state/memory/journal_ring.h"

using namespace rtc;

namespace {

JournalEntry sample_entry() {
    JournalEntry e;
    e.action = "StartWebcast";
    e.body = std::string(200, 'x');
    e.headers = {{"Host", "127.0.0.1"}, {"Content-Type", "application/json"}, {"X-Date", "20260101T000000Z"}};
    return e;
}

struct Published {
    events::Hub hub;
    state::memory::JournalRing journal{10000};
    std::shared_ptr<events::LiveFeed> feed;
    std::thread consumer;
    std::atomic<bool> stop{false};

    // What the pipeline does with an answered request's entry.
    void record(const JournalEntry& e) {
        JournalEntryPtr stored = journal.record(JournalEntry(e));
        if (hub.wants(events::kRequests)) hub.publish(events::RequestEvent{std::move(stored)});
    }

    explicit Published(bool with_feed) {
        if (!with_feed) return;
        feed = std::make_shared<events::LiveFeed>();
        hub.subscribe(feed);
        consumer = std::thread([this] {
            while (!stop.load()) benchmark::DoNotOptimize(feed->take(250));
        });
    }
    ~Published() {
        stop = true;
        if (feed) feed->close();
        if (consumer.joinable()) consumer.join();
    }
};

}  // namespace

static void BM_JournalRecordNoSubscriber(benchmark::State& state) {
    static Published p(false);
    const JournalEntry e = sample_entry();
    for (auto _ : state) p.record(e);
}
BENCHMARK(BM_JournalRecordNoSubscriber)->Threads(1)->Threads(2)->Threads(8)->Threads(32)->UseRealTime();

static void BM_JournalRecordWithLiveFeed(benchmark::State& state) {
    static Published p(true);
    const JournalEntry e = sample_entry();
    for (auto _ : state) p.record(e);
}
BENCHMARK(BM_JournalRecordWithLiveFeed)->Threads(1)->Threads(2)->Threads(8)->Threads(32)->UseRealTime();

// The feed alone: one request event published to it.
static void BM_LiveFeedOnRequest(benchmark::State& state) {
    static events::LiveFeed feed;
    static auto entry = std::make_shared<const JournalEntry>(sample_entry());
    const events::Event event = events::RequestEvent{entry};
    for (auto _ : state) feed.on_event(event);
}
BENCHMARK(BM_LiveFeedOnRequest)->Threads(1)->Threads(2)->Threads(8)->Threads(32)->UseRealTime();
