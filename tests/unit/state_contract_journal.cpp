// The state engine's contract for the request journal (core/state/journal_store.h, docs/admin-api.md "The
// request journal"): Seq never restarts, the bound evicts the oldest and counts them, at(seq), query (since,
// filters, limit, Total), count and stats. Every engine of test::engine_names() is held to it.
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

#include "support/engines.h"

using namespace rtc;

namespace {

JournalEntry entry(const std::string& action, int status = 200, const std::string& app = "app-1",
                   TimeMs time = 1000) {
    JournalEntry e;
    e.time = time;
    e.request_id = "req-" + action + "-" + std::to_string(time);
    e.method = "POST";
    e.action = action;
    e.version = "2020-12-01";
    e.routed = true;
    e.account_id = "2100000001";
    e.app_id = app;
    e.http_status = status;
    if (status != 200) e.error_code = "InvalidParameter";
    e.body = "{\"Action\":\"" + action + "\"}";
    return e;
}

state::EngineSettings capacity(std::size_t n) {
    state::EngineSettings s;
    s.journal_capacity = n;
    return s;
}

std::vector<std::uint64_t> seqs_of(const JournalPage& page) {
    std::vector<std::uint64_t> out;
    for (const auto& e : page.entries) out.push_back(e->seq);
    return out;
}

}  // namespace

TEST_CASE("JournalStore: record gives each entry the next Seq, which never restarts, not even after clear",
          "[state][journal]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(100));
    auto& journal = e->journal();

    std::uint64_t last = 0;
    for (int i = 0; i < 5; ++i) {
        auto stored = journal.record(entry("StartWebcast", 200, "app-1", 1000 + i));
        REQUIRE(stored);
        REQUIRE(stored->seq > last);
        REQUIRE(stored->action == "StartWebcast");
        REQUIRE(stored->time == 1000 + i);
        REQUIRE(stored->body == "{\"Action\":\"StartWebcast\"}");
        last = stored->seq;
    }
    journal.clear();
    auto after = journal.record(entry("GetWebCastTask"));
    REQUIRE(after->seq > last);
    // `since` taken before the clear still means "what came after".
    JournalFilter f;
    f.since = last;
    REQUIRE(seqs_of(journal.query(f)) == std::vector<std::uint64_t>{after->seq});
}

TEST_CASE("JournalStore: past the capacity the oldest entries are evicted and counted as dropped",
          "[state][journal]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(4));
    auto& journal = e->journal();
    std::vector<std::uint64_t> seqs;
    for (int i = 0; i < 10; ++i) seqs.push_back(journal.record(entry("A" + std::to_string(i)))->seq);

    auto page = journal.query({});
    REQUIRE(seqs_of(page) == std::vector<std::uint64_t>(seqs.end() - 4, seqs.end()));  // oldest first
    REQUIRE(page.entries.front()->action == "A6");
    REQUIRE(page.entries.back()->action == "A9");
    REQUIRE(page.total == 4);
    REQUIRE(page.capacity == 4);
    REQUIRE(page.dropped == 6);
    auto stats = journal.stats();
    REQUIRE(stats.size == 4);
    REQUIRE(stats.capacity == 4);
    REQUIRE(stats.dropped == 6);
    REQUIRE(stats.recorded == 10);
}

TEST_CASE("JournalStore: at(seq) finds a kept entry, and nothing for an evicted, cleared or unrecorded Seq",
          "[state][journal]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(3));
    auto& journal = e->journal();
    REQUIRE_FALSE(journal.at(1));
    std::vector<std::uint64_t> seqs;
    for (int i = 0; i < 5; ++i) seqs.push_back(journal.record(entry("A" + std::to_string(i)))->seq);

    for (int i = 2; i < 5; ++i) {
        auto kept = journal.at(seqs[static_cast<std::size_t>(i)]);
        REQUIRE(kept);
        REQUIRE(kept->seq == seqs[static_cast<std::size_t>(i)]);
        REQUIRE(kept->action == "A" + std::to_string(i));
    }
    REQUIRE_FALSE(journal.at(seqs[0]));  // evicted
    REQUIRE_FALSE(journal.at(seqs[1]));
    REQUIRE_FALSE(journal.at(0));
    REQUIRE_FALSE(journal.at(seqs.back() + 1));  // not yet recorded
    REQUIRE_FALSE(journal.at(seqs.back() + 1000));

    journal.clear();
    REQUIRE_FALSE(journal.at(seqs.back()));
    auto next = journal.record(entry("B"));
    REQUIRE(journal.at(next->seq));
    REQUIRE(journal.at(next->seq)->action == "B");
    REQUIRE_FALSE(journal.at(seqs.back()));
}

TEST_CASE(
    "JournalStore: query honours since and the filters, limit keeps the newest, Total counts every match",
    "[state][journal]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(100));
    auto& journal = e->journal();
    // 1 Start ok, 2 Get 400, 3 Start ok app-2, 4 Stop ok, 5 Start 400, 6 Get ok, 7 Start ok
    std::vector<std::uint64_t> s;
    s.push_back(journal.record(entry("StartWebcast"))->seq);
    s.push_back(journal.record(entry("GetWebCastTask", 400))->seq);
    s.push_back(journal.record(entry("StartWebcast", 200, "app-2"))->seq);
    s.push_back(journal.record(entry("StopWebcast"))->seq);
    s.push_back(journal.record(entry("StartWebcast", 400))->seq);
    s.push_back(journal.record(entry("GetWebCastTask"))->seq);
    s.push_back(journal.record(entry("StartWebcast"))->seq);

    JournalFilter all;
    auto everything = journal.query(all);
    REQUIRE(seqs_of(everything) == s);
    REQUIRE(everything.total == 7);

    JournalFilter starts;
    starts.action = "StartWebcast";
    REQUIRE(seqs_of(journal.query(starts)) == std::vector<std::uint64_t>{s[0], s[2], s[4], s[6]});
    starts.limit = 2;
    auto newest = journal.query(starts);
    REQUIRE(seqs_of(newest) == std::vector<std::uint64_t>{s[4], s[6]});
    REQUIRE(newest.total == 4);
    starts.since = s[2];
    starts.limit = 0;
    auto since = journal.query(starts);
    REQUIRE(seqs_of(since) == std::vector<std::uint64_t>{s[4], s[6]});
    REQUIRE(since.total == 2);

    JournalFilter ok;
    ok.code = "ok";
    ok.app = "app-1";
    REQUIRE(seqs_of(journal.query(ok)) == std::vector<std::uint64_t>{s[0], s[3], s[5], s[6]});
    JournalFilter status;
    status.status = 400;
    status.limit = 1;
    auto failed = journal.query(status);
    REQUIRE(seqs_of(failed) == std::vector<std::uint64_t>{s[4]});
    REQUIRE(failed.total == 2);
    JournalFilter after_all;
    after_all.since = s.back();
    REQUIRE(journal.query(after_all).entries.empty());
    REQUIRE(journal.query(after_all).total == 0);
}

TEST_CASE("JournalStore: count counts the entries a query would match, before any limit",
          "[state][journal]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(5));
    auto& journal = e->journal();
    std::vector<std::uint64_t> s;
    for (int i = 0; i < 8; ++i)
        s.push_back(journal.record(entry(i % 2 ? "GetWebCastTask" : "StartWebcast"))->seq);

    REQUIRE(journal.count({}) == 5);  // what is kept
    JournalFilter gets;
    gets.action = "GetWebCastTask";
    REQUIRE(journal.count(gets) == 3);  // s[3], s[5], s[7]; s[1] was evicted
    gets.limit = 1;
    REQUIRE(journal.count(gets) == 3);
    gets.since = s[5];
    REQUIRE(journal.count(gets) == 1);
    JournalFilter none;
    none.app = "app-none";
    REQUIRE(journal.count(none) == 0);
}

TEST_CASE(
    "JournalStore: stats tell the size, the capacity, the drops since the last clear and all ever recorded",
    "[state][journal]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(3));
    auto& journal = e->journal();
    auto empty = journal.stats();
    REQUIRE(empty.size == 0);
    REQUIRE(empty.capacity == 3);
    REQUIRE(empty.dropped == 0);
    REQUIRE(empty.recorded == 0);

    for (int i = 0; i < 2; ++i) journal.record(entry("A"));
    REQUIRE(journal.stats().size == 2);
    REQUIRE(journal.stats().dropped == 0);
    REQUIRE(journal.stats().recorded == 2);
    for (int i = 0; i < 5; ++i) journal.record(entry("B"));
    REQUIRE(journal.stats().size == 3);
    REQUIRE(journal.stats().dropped == 4);
    REQUIRE(journal.stats().recorded == 7);

    journal.clear();
    auto cleared = journal.stats();
    REQUIRE(cleared.size == 0);
    REQUIRE(cleared.dropped == 0);
    REQUIRE(cleared.recorded == 7);
    REQUIRE(journal.query({}).entries.empty());
    REQUIRE(journal.query({}).dropped == 0);
    journal.record(entry("C"));
    REQUIRE(journal.stats().size == 1);
    REQUIRE(journal.stats().recorded == 8);
}

TEST_CASE("JournalStore: replicas on one state keep one journal, one Seq, and each entry names its replica",
          "[state][journal][replicas]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    if (engine == "memory") {
        // One process: no replica to name, and the journal's view shows none.
        auto e = test::make_engine(engine, capacity(10));
        auto stored = e->journal().record(entry("A"));
        REQUIRE(stored->replica.empty());
        REQUIRE_FALSE(stored->to_json().contains("Replica"));
        return;
    }
    const std::string prefix = test::fresh_prefix();
    auto a = test::make_engine(engine, capacity(10), prefix);
    auto b = test::make_engine(engine, capacity(10), prefix);
    auto first = a->journal().record(entry("A"));
    auto second = b->journal().record(entry("B"));
    REQUIRE(second->seq == first->seq + 1);
    REQUIRE_FALSE(first->replica.empty());
    REQUIRE_FALSE(second->replica.empty());
    REQUIRE(first->replica != second->replica);

    auto page = b->journal().query({});
    REQUIRE(seqs_of(page) == std::vector<std::uint64_t>{first->seq, second->seq});
    REQUIRE(page.entries[0]->replica == first->replica);
    REQUIRE(page.entries[0]->to_json()["Replica"] == first->replica);
    REQUIRE(a->journal().at(second->seq)->replica == second->replica);
    b->journal().clear();
    REQUIRE(a->journal().stats().size == 0);
    REQUIRE(a->journal().record(entry("C"))->seq == second->seq + 1);
}

TEST_CASE("JournalStore: on a shared engine recording an entry is one round trip, and so is a query",
          "[state][journal][round-trips]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    if (engine == "memory") return;  // no round trips in process
    INFO("state engine: " << engine);
    auto e = test::make_engine(engine, capacity(3));
    auto& journal = e->journal();
    journal.record(entry("A"));  // loads the script
    auto before = e->round_trips();
    for (int i = 0; i < 5; ++i) journal.record(entry("B"));
    REQUIRE(e->round_trips() - before == 5);
    before = e->round_trips();
    JournalFilter newest;
    newest.limit = 2;
    REQUIRE(journal.query(newest).total == 3);
    JournalFilter b;
    b.action = "B";
    REQUIRE(journal.query(b).total == 3);
    REQUIRE(journal.count(newest) == 3);
    REQUIRE(journal.stats().dropped == 3);
    REQUIRE(e->round_trips() - before == 4);
}

TEST_CASE(
    "JournalStore: a posted entry is kept under the next Seq, handed back with it, and seen by any later "
    "read; on a shared engine the request waits for no round trip",
    "[state][journal][round-trips]") {
    const std::string engine = GENERATE(from_range(test::engine_names()));
    INFO("state engine: " << engine);
    const std::string prefix = test::fresh_prefix();
    auto e = test::make_engine(engine, capacity(100), prefix);
    auto first = e->journal().record(entry("A"));  // loads the script

    std::mutex mu;
    std::vector<std::uint64_t> handed;
    const auto trips = e->round_trips();
    for (int i = 0; i < 20; ++i)
        e->journal().post(entry("P" + std::to_string(i)), [&](JournalEntryPtr stored) {
            std::lock_guard<std::mutex> lock(mu);
            handed.push_back(stored->seq);
            REQUIRE(stored->action == "P" + std::to_string(handed.size() - 1));
        });
    REQUIRE(e->round_trips() == trips);  // no reply waited for: each was only sent

    // Another replica's read already sees them all, in the order they were posted.
    if (e->shared()) {
        auto other = test::make_engine(engine, capacity(100), prefix);
        REQUIRE(other->journal().query({}).entries.size() == 21);
    }
    auto page = e->journal().query({});
    REQUIRE(page.entries.size() == 21);
    std::lock_guard<std::mutex> lock(mu);  // query settled: every hand-back ran
    REQUIRE(handed.size() == 20);
    for (std::size_t i = 0; i < handed.size(); ++i) {
        REQUIRE(handed[i] == first->seq + 1 + i);
        REQUIRE(page.entries[i + 1]->seq == handed[i]);
        REQUIRE(page.entries[i + 1]->action == "P" + std::to_string(i));
    }
    REQUIRE(e->posted_writes() == (e->shared() ? 20u : 0u));
    REQUIRE(e->failed_posted_writes() == 0);
}
