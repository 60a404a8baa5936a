#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "core/admin/queries.h"
#include "core/admin/views.h"
#include "core/state/memory/journal_ring.h"
#include "support/service_harness.h"

using namespace rtc;
using rtc::test::ServiceHarness;
using state::memory::JournalRing;

namespace {
JournalEntry entry(const std::string& action, const std::string& code, int status) {
    JournalEntry e;
    e.action = action;
    e.error_code = code;
    e.http_status = status;
    return e;
}
}  // namespace

TEST_CASE("the journal never holds more than its bound over 100k requests through the pipeline",
          "[journal]") {
    ServiceHarness h(1000);
    state::JournalStore& j = h.parts->engine->journal();
    ApiRequest unsigned_req;
    unsigned_req.method = "POST";
    unsigned_req.raw_query = "Action=StartWebcast&Version=2020-12-01";
    unsigned_req.body = "{}";
    std::size_t max_seen = 0;
    for (int i = 0; i < 100000; ++i) {
        h.service->handle(unsigned_req);
        if (i % 997 == 0) max_seen = std::max(max_seen, j.stats().size);
    }
    max_seen = std::max(max_seen, j.stats().size);
    REQUIRE(max_seen == 1000);
    REQUIRE(j.stats().capacity == 1000);
    REQUIRE(j.stats().recorded == 100000);
    REQUIRE(j.stats().dropped == 99000);
    auto page = j.query({});
    REQUIRE(page.entries.size() == 1000);
    REQUIRE(page.capacity == 1000);
    REQUIRE(page.dropped == 99000);
    // Newest last, consecutive.
    REQUIRE(page.entries.front()->seq == 99001);
    REQUIRE(page.entries.back()->seq == 100000);
    REQUIRE(page.entries.back()->signature_verdict == signing::SignatureVerdict::Unsigned);
}

TEST_CASE("journal filters match action, code (ok for successes), status, since and keep the newest limit",
          "[journal]") {
    JournalRing j(100);
    j.record(entry("StartWebcast", "", 200));
    j.record(entry("StartWebcast", "InvalidParameter", 400));
    j.record(entry("StopWebcast", "", 200));
    j.record(entry("StartWebcast", "", 200));
    JournalEntry dropped = entry("StartWebcast", "", 0);  // a dropped connection is not a success
    j.record(std::move(dropped));

    JournalFilter f;
    f.action = "StartWebcast";
    REQUIRE(j.count(f) == 4);
    f.code = "ok";
    REQUIRE(j.count(f) == 2);
    f.code = "InvalidParameter";
    REQUIRE(j.count(f) == 1);

    JournalFilter s;
    s.status = 200;
    s.limit = 2;
    auto page = j.query(s);
    REQUIRE(page.total == 3);
    REQUIRE(page.entries.size() == 2);
    REQUIRE(page.entries[0]->seq == 3);
    REQUIRE(page.entries[1]->seq == 4);

    JournalFilter since;
    since.since = 3;
    REQUIRE(j.count(since) == 2);
}

TEST_CASE("clearing the journal keeps sequence numbers rising, so since= stays valid", "[journal]") {
    JournalRing j(3);
    for (int i = 0; i < 5; ++i) j.record(entry("A", "", 200));
    REQUIRE(j.stats().dropped == 2);
    j.clear();
    REQUIRE(j.stats().size == 0);
    REQUIRE(j.stats().dropped == 0);
    REQUIRE(j.record(entry("A", "", 200))->seq == 6);
    REQUIRE(j.query({}).entries.front()->seq == 6);
}

TEST_CASE("a bad journal filter is refused with a message naming it", "[journal]") {
    JournalFilter f;
    auto err = admin::parse_journal_filter({{"acton", "StartWebcast"}}, f);
    REQUIRE(err);
    REQUIRE_THAT(*err, Catch::Contains("unknown filter \"acton\""));
    REQUIRE_THAT(*admin::parse_journal_filter({{"limit", "ten"}}, f), Catch::Contains("limit"));
    REQUIRE_THAT(*admin::parse_journal_filter({{"status", "1000"}}, f), Catch::Contains("status"));
    REQUIRE_THAT(*admin::parse_journal_filter({{"verdict", "maybe"}}, f), Catch::Contains("verdict"));
    REQUIRE_THAT(*admin::parse_journal_filter({{"code", "ok"}, {"code", "x"}}, f), Catch::Contains("twice"));
    JournalFilter good;
    REQUIRE_FALSE(admin::parse_journal_filter({{"code", "ok"}, {"since", "12"}, {"limit", "5"}}, good));
    REQUIRE(*good.code == "ok");
    REQUIRE(good.since == 12);
    REQUIRE(good.limit == 5);
}

TEST_CASE("the journal notes the signature verdict and the server's string to sign on a mismatch",
          "[journal]") {
    ServiceHarness h;
    h.service->handle(h.signed_request(rtc::test::kOkAction, {}, "AKLTLOCALMOCK", "WRONGSECRET"));
    h.call();
    auto page = h.parts->engine->journal().query({});
    REQUIRE(page.entries.size() == 2);
    auto bad = page.entries[0]->to_json();
    REQUIRE(bad["Signature"]["Verdict"] == "mismatch");
    REQUIRE_THAT(bad["Signature"]["StringToSign"].get<std::string>(), Catch::StartsWith("HMAC-SHA256"));
    REQUIRE(bad["ErrorCode"] == "SignatureDoesNotMatch");
    auto good = page.entries[1]->to_json();
    REQUIRE(good["Signature"]["Verdict"] == "ok");
    REQUIRE(good["AccountId"] == "2100000001");
    REQUIRE(good["HttpStatus"] == 200);
    auto doc = admin::journal_page_json(page);
    REQUIRE(doc["Total"] == 2);
    REQUIRE(doc["Requests"].size() == 2);
}

TEST_CASE("the journal stays bounded and ordered while threads record and query at once", "[journal]") {
    JournalRing j(500);
    std::atomic<bool> done{false};
    std::atomic<bool> ordered{true};
    std::atomic<std::size_t> largest{0};
    std::thread reader([&] {
        while (!done) {
            auto page = j.query({});
            largest = std::max(largest.load(), page.entries.size());
            for (std::size_t i = 1; i < page.entries.size(); ++i)
                if (page.entries[i]->seq != page.entries[i - 1]->seq + 1) ordered = false;
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < 3; ++t)
        writers.emplace_back([&j] {
            for (int i = 0; i < 20000; ++i) j.record(entry("A", "", 200));
        });
    for (auto& w : writers) w.join();
    done = true;
    reader.join();
    REQUIRE(ordered);
    REQUIRE(largest <= 500);
    REQUIRE(j.stats().recorded == 60000);
    REQUIRE(j.stats().size == 500);
}
