#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "core/admin/views.h"
#include "support/service_harness.h"

using namespace rtc;
using rtc::test::kOkAction;
using rtc::test::ServiceHarness;

namespace {

// A strict reader of the Prometheus text format 0.0.4: every sample belongs to a declared family, names and
// labels are well formed, values are numbers, histograms have cumulative buckets ending in +Inf == _count.
struct Exposition {
    std::map<std::string, std::string> types;  // family -> type
    std::map<std::string, double> samples;     // name{labels} -> value
};

bool name_ok(const std::string& n) {
    if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
    for (char c : n)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':')) return false;
    return true;
}

Exposition parse_prometheus(const std::string& text) {
    Exposition e;
    std::istringstream in(text);
    std::string line;
    std::map<std::string, bool> helped;
    while (std::getline(in, line)) {
        INFO("line: " << line);
        REQUIRE_FALSE(line.empty());
        if (line.rfind("# HELP ", 0) == 0) {
            std::string name = line.substr(7, line.find(' ', 7) - 7);
            REQUIRE(name_ok(name));
            helped[name] = true;
            continue;
        }
        if (line.rfind("# TYPE ", 0) == 0) {
            std::istringstream l(line.substr(7));
            std::string name, type;
            l >> name >> type;
            REQUIRE(name_ok(name));
            REQUIRE((type == "counter" || type == "gauge" || type == "histogram"));
            REQUIRE(e.types.count(name) == 0);
            e.types[name] = type;
            continue;
        }
        REQUIRE(line[0] != '#');
        std::size_t brace = line.find('{');
        std::size_t space = line.rfind(' ');
        REQUIRE(space != std::string::npos);
        std::string name = line.substr(0, std::min(brace, space));
        REQUIRE(name_ok(name));
        std::string key = line.substr(0, space);
        if (brace != std::string::npos) {
            REQUIRE(line[space - 1] == '}');
            // label="value" pairs, comma separated, values escaped.
            std::string labels = line.substr(brace + 1, space - 1 - brace - 1);
            std::size_t i = 0;
            while (i < labels.size()) {
                std::size_t eq = labels.find('=', i);
                REQUIRE(eq != std::string::npos);
                REQUIRE(name_ok(labels.substr(i, eq - i)));
                REQUIRE(labels[eq + 1] == '"');
                std::size_t j = eq + 2;
                while (j < labels.size() && labels[j] != '"') j += labels[j] == '\\' ? 2 : 1;
                REQUIRE(j < labels.size());
                i = j + 1;
                if (i < labels.size()) {
                    REQUIRE(labels[i] == ',');
                    ++i;
                }
            }
        }
        std::string family = name;
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
            std::string s = suffix;
            if (!e.types.count(family) && family.size() > s.size() &&
                family.compare(family.size() - s.size(), s.size(), s) == 0)
                family = family.substr(0, family.size() - s.size());
        }
        REQUIRE(e.types.count(family) == 1);
        REQUIRE(helped[family]);
        std::string value = line.substr(space + 1);
        char* end = nullptr;
        double v = std::strtod(value.c_str(), &end);
        REQUIRE(*end == '\0');
        REQUIRE(e.samples.count(key) == 0);
        e.samples[key] = v;
    }
    return e;
}

double sample(const Exposition& e, const std::string& key) {
    auto it = e.samples.find(key);
    return it == e.samples.end() ? 0.0 : it->second;
}

}  // namespace

TEST_CASE("the metrics parse as Prometheus text and move with the traffic", "[metrics]") {
    ServiceHarness h;
    auto before = parse_prometheus(admin::metrics_text(*h.parts));
    REQUIRE(before.types["rtc_mock_requests_total"] == "counter");
    REQUIRE(before.types["rtc_mock_request_duration_seconds"] == "histogram");
    REQUIRE(before.types["rtc_mock_tasks"] == "gauge");
    REQUIRE(sample(before, "rtc_mock_tasks{kind=\"webcast\",state=\"running\"}") == 0);
    REQUIRE(before.samples.count("rtc_mock_callbacks_total{result=\"failed\"}") == 1);

    for (int i = 0; i < 5; ++i) h.call();
    h.add_fault({{"Type", "throttle"}, {"Count", 2}});
    h.call();
    h.call();
    REQUIRE(h.service->admin().clear_faults().body["Deleted"] == 1);
    h.add_fault({{"Type", "error"}, {"Count", 1}, {"Error", {{"Code", "Weird\"Code"}, {"HttpStatus", 502}}}});
    h.call();
    h.parts->metrics.callback_delivered();
    h.parts->metrics.callback_failed();

    auto after = parse_prometheus(admin::metrics_text(*h.parts));
    const std::string ok =
        std::string("rtc_mock_requests_total{action=\"") + kOkAction + "\",code=\"ok\",status=\"200\"}";
    REQUIRE(sample(after, ok) == 5);
    REQUIRE(sample(after, std::string("rtc_mock_requests_total{action=\"") + kOkAction +
                              "\",code=\"FlowLimitExceeded.QPSOverLimit\",status=\"429\"}") == 2);
    REQUIRE(sample(after, std::string("rtc_mock_requests_total{action=\"") + kOkAction +
                              "\",code=\"Weird\\\"Code\",status=\"502\"}") == 1);
    REQUIRE(sample(after, "rtc_mock_throttled_total") == 2);
    REQUIRE(sample(after, "rtc_mock_faults_injected_total{type=\"throttle\"}") == 2);
    REQUIRE(sample(after, "rtc_mock_faults_injected_total{type=\"error\"}") == 1);
    REQUIRE(sample(after, "rtc_mock_callbacks_total{result=\"delivered\"}") == 1);
    REQUIRE(sample(after, "rtc_mock_callbacks_total{result=\"failed\"}") == 1);
    const std::string hist = std::string("rtc_mock_request_duration_seconds");
    const std::string lbl = std::string("action=\"") + kOkAction + "\"";
    REQUIRE(sample(after, hist + "_count{" + lbl + "}") == 8);
    REQUIRE(sample(after, hist + "_bucket{" + lbl + ",le=\"+Inf\"}") == 8);
    // Buckets are cumulative.
    double prev = 0;
    for (double b : Metrics::latency_buckets()) {
        double v = -1;
        for (const auto& [key, value] : after.samples) {
            auto at = key.find(",le=\"");
            if (key.rfind(hist + "_bucket{" + lbl, 0) == 0 && at != std::string::npos &&
                std::strtod(key.c_str() + at + 5, nullptr) == b)
                v = value;
        }
        REQUIRE(v >= 0);
        REQUIRE(v >= prev);
        prev = v;
    }
    // An unknown action is labelled "unknown", so junk Actions cannot grow the label set.
    ApiRequest junk;
    junk.method = "POST";
    junk.raw_query = "Action=Junk123&Version=2020-12-01";
    h.service->handle(junk);
    auto last = parse_prometheus(admin::metrics_text(*h.parts));
    REQUIRE(
        sample(
            last,
            "rtc_mock_requests_total{action=\"unknown\",code=\"InvalidActionOrVersion\",status=\"404\"}") ==
        1);
}

TEST_CASE("metrics count requests from many threads without losing any", "[metrics]") {
    Metrics m;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&m] {
            for (int i = 0; i < 10000; ++i) m.observe_request("A", "ok", 200, 0.001);
        });
    for (auto& t : threads) t.join();
    auto counts = m.request_counts();
    REQUIRE(counts.size() == 1);
    REQUIRE(counts[0].count == 40000);
    auto hist = m.latency_histograms();
    REQUIRE(hist[0].count == 40000);
    REQUIRE(hist[0].buckets.back() == 40000);
    REQUIRE(hist[0].sum_seconds == Approx(40.0).epsilon(0.001));
}
