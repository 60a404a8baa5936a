#include "conformance/scenario_verdict.h"

namespace rtc::conformance {

using json = nlohmann::json;

void judge(const Scenario& s, const std::vector<CallView>& calls, const std::vector<Delivery>& deliveries,
           const std::string& session_token, ScenarioResult& res) {
    bool skipped = false, failed = false;
    for (const auto& check : s.checks) {
        CheckResult cr = run_check(CheckContext{check, calls, deliveries, session_token});
        if (cr.verdict == "SKIP" && !skipped) {
            skipped = true;
            res.why = cr.why;
        }
        if (cr.verdict == "FAIL" && !failed && !skipped) {
            failed = true;
            res.why = cr.why;
        }
        res.checks.push_back(cr);
    }
    res.verdict = skipped ? "SKIP" : failed ? "FAIL" : "PASS";
    if (res.verdict == "PASS") res.why = s.why;
}

json evidence(const std::vector<CallView>& calls, const std::vector<Delivery>& deliveries) {
    json out = json::object();
    json jc = json::array();
    for (const auto& c : calls) {
        json atts = json::array();
        std::int64_t first = c.attempts.empty() ? 0 : c.attempts.front().arrived_ns;
        for (const auto& a : c.attempts) {
            json h = json::object();
            for (const auto& hd : a.request.headers) h[hd.name] = hd.value;
            atts.push_back({{"AtMs", (a.arrived_ns - first) / 1000000},
                            {"Method", a.request.method},
                            {"Query", a.request.raw_query},
                            {"Headers", h},
                            {"Body", a.request.body.substr(0, 2048)},
                            {"Signature", signing::to_string(a.verdict)},
                            {"SignatureError", a.verdict_code},
                            {"Answer", to_string(a.answer_kind)},
                            {"Status", a.status},
                            {"Code", a.answer_code},
                            {"RetryAfter", a.retry_after_s}});
        }
        jc.push_back({{"Request", c.request},
                      {"Report", c.report.raw.is_discarded() ? json(nullptr) : c.report.raw},
                      {"Outcome", to_string(c.report.outcome)},
                      {"ElapsedMs", c.run.elapsed_ms},
                      {"Stderr", c.run.err.substr(0, 1000)},
                      {"Attempts", atts}});
    }
    if (!calls.empty()) out["Calls"] = jc;
    if (!deliveries.empty()) {
        json jd = json::array();
        for (const auto& d : deliveries)
            jd.push_back({{"Kind", d.kind},
                          {"EventId", d.event_id},
                          {"Status", d.status},
                          {"Error", d.error},
                          {"ElapsedMs", d.elapsed_ms}});
        out["Callbacks"] = jd;
    }
    return out;
}

}  // namespace rtc::conformance
