// GET /_mock/metrics: the Prometheus text exposition (format 0.0.4) of the metrics and the gauges of the
// state.
#include <cstdio>
#include <cstdlib>

#include "core/admin/task_kinds.h"
#include "core/admin/views.h"
#include "core/service_parts.h"

namespace rtc::admin {

const char* const kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

namespace {

// Label values escape backslash, double quote and newline (exposition format 0.0.4).
std::string label(const std::string& v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// The shortest plain decimal that reads back as the same double ("10", "0.0005"), else exponent form.
std::string number(double v) {
    char buf[64];
    for (int p = 0; p <= 12; ++p) {
        std::snprintf(buf, sizeof(buf), "%.*f", p, v);
        if (std::strtod(buf, nullptr) == v) return buf;
    }
    std::snprintf(buf, sizeof(buf), "%.17g", v);
    return buf;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

}  // namespace

std::string metrics_text(ServiceParts& p) {
    p.engine->settle();  // this replica's posted journal entries count their requests once stored
    const Metrics& m = p.metrics;
    std::string out;
    header(
        out, "rtc_mock_requests_total", "counter",
        "API requests by action, error code (\"ok\" for a success) and HTTP status (0: connection dropped).");
    for (const auto& r : m.request_counts())
        out += "rtc_mock_requests_total{action=\"" + label(r.action) + "\",code=\"" + label(r.code) +
               "\",status=\"" + std::to_string(r.status) + "\"} " + std::to_string(r.count) + "\n";

    header(out, "rtc_mock_request_duration_seconds", "histogram",
           "Time to answer an API request, injected latency included, by action.");
    const auto& bounds = Metrics::latency_buckets();
    for (const auto& h : m.latency_histograms()) {
        const std::string a = label(h.action);
        for (std::size_t i = 0; i < h.buckets.size(); ++i)
            out += "rtc_mock_request_duration_seconds_bucket{action=\"" + a + "\",le=\"" +
                   (i < bounds.size() ? number(bounds[i]) : std::string("+Inf")) + "\"} " +
                   std::to_string(h.buckets[i]) + "\n";
        out += "rtc_mock_request_duration_seconds_sum{action=\"" + a + "\"} " + number(h.sum_seconds) + "\n";
        out +=
            "rtc_mock_request_duration_seconds_count{action=\"" + a + "\"} " + std::to_string(h.count) + "\n";
    }

    header(out, "rtc_mock_throttled_total", "counter",
           "API requests answered FlowLimitExceeded, by the rate limiter or a throttle fault.");
    out += "rtc_mock_throttled_total " + std::to_string(m.throttled_total()) + "\n";

    header(out, "rtc_mock_faults_injected_total", "counter", "Fault rules applied to API requests, by type.");
    for (int t = 0; t < faults::kFaultTypeCount; ++t)
        out += std::string("rtc_mock_faults_injected_total{type=\"") +
               faults::type_name(static_cast<faults::FaultType>(t)) + "\"} " +
               std::to_string(m.faults_total(t)) + "\n";

    header(out, "rtc_mock_callbacks_total", "counter", "Callback deliveries, by result.");
    out += "rtc_mock_callbacks_total{result=\"delivered\"} " + std::to_string(m.callbacks_delivered()) + "\n";
    out += "rtc_mock_callbacks_total{result=\"failed\"} " + std::to_string(m.callbacks_failed()) + "\n";

    header(out, "rtc_mock_tasks", "gauge", "Tasks held now, by kind and state.");
    for (const auto& k : task_kinds()) {
        auto census = k.census(p);
        for (const auto& s : k.states)
            out += "rtc_mock_tasks{kind=\"" + label(k.metric_kind) + "\",state=\"" + label(s) + "\"} " +
                   std::to_string(census[s]) + "\n";
    }

    header(out, "rtc_mock_journal_entries", "gauge", "Entries in the request journal now.");
    const state::JournalStats journal = p.engine->journal().stats();
    out += "rtc_mock_journal_entries " + std::to_string(journal.size) + "\n";
    header(out, "rtc_mock_journal_capacity", "gauge", "The bound of the request journal.");
    out += "rtc_mock_journal_capacity " + std::to_string(journal.capacity) + "\n";
    header(out, "rtc_mock_fault_rules", "gauge", "Fault rules installed now.");
    out += "rtc_mock_fault_rules " + std::to_string(p.engine->fault_rules().size()) + "\n";
    header(out, "rtc_mock_state_round_trips_total", "counter",
           "Round trips to the state engine's store (0 for the memory engine).");
    out += "rtc_mock_state_round_trips_total{engine=\"" + std::string(p.engine->name()) + "\"} " +
           std::to_string(p.engine->round_trips()) + "\n";
    const std::string engine = "{engine=\"" + std::string(p.engine->name()) + "\"} ";
    if (p.engine->shared()) {
        header(out, "rtc_mock_state_request_round_trips_total", "counter",
               "Round trips to the state engine's store that API requests waited for, by action.");
        for (const auto& [action, n] : m.state_round_trips())
            out += "rtc_mock_state_request_round_trips_total{action=\"" + label(action) + "\"} " +
                   std::to_string(n) + "\n";
    }
    header(out, "rtc_mock_state_posted_writes_total", "counter",
           "Writes to the state engine's store sent without waiting for their answer (journal entries).");
    out += "rtc_mock_state_posted_writes_total" + engine + std::to_string(p.engine->posted_writes()) + "\n";
    header(out, "rtc_mock_state_posted_writes_failed_total", "counter",
           "Posted writes the store refused or never answered (their journal entries are lost).");
    out += "rtc_mock_state_posted_writes_failed_total" + engine +
           std::to_string(p.engine->failed_posted_writes()) + "\n";
    return out;
}

}  // namespace rtc::admin
