#include "conformance/checks.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "core/timefmt.h"
#include "core/uri.h"

namespace rtc::conformance {

namespace {

using json = nlohmann::json;

CheckResult pass(const std::string& kind) {
    return {kind, "PASS", ""};
}
CheckResult fail(const std::string& kind, const std::string& why) {
    return {kind, "FAIL", why};
}

std::string call_name(const CallView& c, std::size_t total) {
    return total > 1 ? "call " + std::to_string(c.number + 1) + " (" + c.key + ")" : "the call";
}

std::string answer_text(const Attempt& a) {
    if (a.answer_kind == AnswerKind::Drop) return "a dropped connection";
    if (a.answer_kind == AnswerKind::Stall) return "no answer (stalled)";
    if (a.answer_code.rfind("HTTP", 0) == 0)
        return "HTTP " + std::to_string(a.status) + " without an API envelope";
    return "HTTP " + std::to_string(a.status) + (a.answer_code.empty() ? " success" : " " + a.answer_code);
}

std::string report_text(const ClientReport& r) {
    switch (r.outcome) {
        case Outcome::Success:
            return "success (Error null)";
        case Outcome::Error:
            return "Error " + (r.code.empty() ? "without a Code" : r.code);
        case Outcome::ClientError:
            return "ClientError \"" + r.message.substr(0, 120) + "\"";
        case Outcome::Invalid:
            break;
    }
    return "invalid adapter output: " + r.message;
}

std::string header_or_query(const Attempt& a, const std::string& name) {
    if (const std::string* h = a.request.header(name)) return *h;
    QueryParams q = parse_query(a.request.raw_query);
    if (const std::string* v = find_param(q, name)) return *v;
    return "";
}

// Calls that must have reached the endpoint at least once.
std::string need_attempts(const CheckContext& ctx) {
    for (const auto& c : ctx.calls)
        if (c.attempts.empty())
            return "no request of " + call_name(c, ctx.calls.size()) +
                   " reached the endpoint (the client reported " + report_text(c.report) + ")";
    return "";
}

CheckResult signature_ok(const CheckContext& ctx) {
    const std::string kind = "signature_ok";
    if (auto why = need_attempts(ctx); !why.empty()) return fail(kind, why);
    for (const auto& c : ctx.calls)
        for (std::size_t i = 0; i < c.attempts.size(); ++i) {
            const Attempt& a = c.attempts[i];
            if (a.verdict == signing::SignatureVerdict::Ok) continue;
            std::string why = "attempt " + std::to_string(i + 1) + " of " + call_name(c, ctx.calls.size()) +
                              ": signature " + signing::to_string(a.verdict) + " (" + a.verdict_code + ": " +
                              a.verdict_message + ")";
            if (!a.canonical_request.empty())
                why += "; the server's canonical request: " + json(a.canonical_request).dump();
            return fail(kind, why);
        }
    return pass(kind);
}

CheckResult security_token(const CheckContext& ctx) {
    const std::string kind = "security_token";
    if (auto why = need_attempts(ctx); !why.empty()) return fail(kind, why);
    for (const auto& c : ctx.calls)
        for (std::size_t i = 0; i < c.attempts.size(); ++i) {
            std::string token = header_or_query(c.attempts[i], "X-Security-Token");
            if (token != ctx.session_token)
                return fail(kind, "attempt " + std::to_string(i + 1) + " carries X-Security-Token \"" +
                                      token + "\", not the session token it was given");
        }
    return pass(kind);
}

CheckResult fresh_x_date(const CheckContext& ctx) {
    const std::string kind = "fresh_x_date";
    const std::int64_t skew = ctx.check.value("MaxSkewMs", 5000);
    if (auto why = need_attempts(ctx); !why.empty()) return fail(kind, why);
    for (const auto& c : ctx.calls) {
        std::vector<TimeMs> dates;
        for (std::size_t i = 0; i < c.attempts.size(); ++i) {
            const Attempt& a = c.attempts[i];
            std::string xd = header_or_query(a, "X-Date");
            std::optional<TimeMs> t = parse_x_date(xd);
            if (!t)
                return fail(kind,
                            "attempt " + std::to_string(i + 1) + " has no valid X-Date (\"" + xd + "\")");
            // X-Date has whole seconds: a date signed at arrival is at most 999 ms behind it.
            const std::int64_t behind = a.wall_ms - *t;
            if (behind > skew + 999 || behind < -skew)
                return fail(kind, "attempt " + std::to_string(i + 1) + " arrived " + std::to_string(behind) +
                                      " ms after its X-Date " + xd + ": it was not signed when it was sent");
            dates.push_back(*t);
        }
        for (std::size_t i = 0; i < c.attempts.size(); ++i)
            for (std::size_t j = i + 1; j < c.attempts.size(); ++j) {
                const std::int64_t gap = (c.attempts[j].arrived_ns - c.attempts[i].arrived_ns) / 1000000;
                if (gap >= 1000 && dates[j] <= dates[i])
                    return fail(kind, "attempt " + std::to_string(j + 1) + " came " + std::to_string(gap) +
                                          " ms after attempt " + std::to_string(i + 1) +
                                          " with the same or an older X-Date: the retry was not re-signed");
            }
    }
    return pass(kind);
}

// A JSON param value as it travels in a query string.
void expected_query_values(const json& v, std::vector<std::string>& out) {
    if (v.is_array()) {
        for (const auto& e : v) expected_query_values(e, out);
    } else {
        out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    }
}

// Why the query's own parameters (not Action, Version or X-*) are not exactly `expected` (a Params or Query
// object of the call), or "" when they are.
std::string query_mismatch(const QueryParams& q, const json& expected, const std::string& raw_query) {
    std::map<std::string, std::vector<std::string>> got;
    for (const auto& [k, v] : q)
        if (k != "Action" && k != "Version" && k.rfind("X-", 0) != 0) got[k].push_back(v);
    std::map<std::string, std::vector<std::string>> want;
    for (auto it = expected.begin(); it != expected.end(); ++it) expected_query_values(*it, want[it.key()]);
    for (const auto& [k, vals] : want) {
        auto g = got.find(k);
        if (g == got.end()) return "query parameter " + k + " is missing";
        if (g->second != vals)
            return "query parameter " + k + " arrived as " + json(g->second).dump() + ", the call gave " +
                   json(vals).dump() + " (raw query: " + raw_query.substr(0, 300) + ")";
    }
    for (const auto& [k, vals] : got)
        if (!want.count(k))
            return "unexpected query parameter " + json(k).dump() + " (a value was split: raw query " +
                   raw_query.substr(0, 300) + ")";
    return "";
}

CheckResult params_received(const CheckContext& ctx) {
    const std::string kind = "params_received";
    if (auto why = need_attempts(ctx); !why.empty()) return fail(kind, why);
    for (const auto& c : ctx.calls) {
        // GET: Params in the query. POST: Params as the JSON body (none: an empty body, or {}) and Query, if
        // any, in the query string (docs/conformance.md).
        const json params = c.request.value("Params", json());
        const json query = c.request.value("Query", json::object());
        for (std::size_t i = 0; i < c.attempts.size(); ++i) {
            const Attempt& a = c.attempts[i];
            const std::string n = "attempt " + std::to_string(i + 1);
            QueryParams q = parse_query(a.request.raw_query);
            const std::string* action = find_param(q, "Action");
            const std::string* version = find_param(q, "Version");
            if (!action || *action != c.request["Action"].get<std::string>() || !version ||
                *version != c.request["Version"].get<std::string>())
                return fail(kind, n + ": Action/Version in the query are not those of the call (query: " +
                                      a.request.raw_query.substr(0, 200) + ")");
            if (a.request.method != c.request["Method"].get<std::string>())
                return fail(kind, n + ": sent with " + a.request.method + ", the action takes " +
                                      c.request["Method"].get<std::string>());
            if (a.request.method == "GET") {
                if (auto why =
                        query_mismatch(q, params.is_object() ? params : json::object(), a.request.raw_query);
                    !why.empty())
                    return fail(kind, n + ": " + why);
                continue;
            }
            if (auto why = query_mismatch(q, query, a.request.raw_query); !why.empty())
                return fail(kind, n + ": " + why);
            const bool empty = a.request.body.find_first_not_of(" \t\r\n") == std::string::npos;
            if (params.is_null()) {
                if (!empty && json::parse(a.request.body, nullptr, false) != json::object())
                    return fail(kind, n + ": the call has no Params, so no body, but the body is " +
                                          a.request.body.substr(0, 200));
                continue;
            }
            json body = json::parse(a.request.body, nullptr, false);
            if (body.is_discarded())
                return fail(kind, n + ": the body is not JSON: " + a.request.body.substr(0, 200));
            if (body != params)
                return fail(kind, n + ": the JSON body " + body.dump().substr(0, 300) +
                                      " is not the call's Params " + params.dump().substr(0, 300));
        }
    }
    return pass(kind);
}

CheckResult attempts(const CheckContext& ctx) {
    const std::string kind = "attempts";
    const long min = ctx.check.value("Min", 0L), max = ctx.check.value("Max", 1000000L);
    for (const auto& c : ctx.calls) {
        const long n = static_cast<long>(c.attempts.size());
        if (n < min)
            return fail(kind, call_name(c, ctx.calls.size()) + " made " + std::to_string(n) +
                                  " attempt(s), at least " + std::to_string(min) +
                                  " expected (the client reported " + report_text(c.report) + ")");
        if (n > max) {
            std::string seq;
            for (std::size_t i = 0; i < c.attempts.size() && i < 4; ++i)
                seq += (i ? ", " : "") + answer_text(c.attempts[i]);
            return fail(kind, call_name(c, ctx.calls.size()) + " made " + std::to_string(n) +
                                  " attempts, at most " + std::to_string(max) + " allowed (answers: " + seq +
                                  (n > 4 ? ", ..." : "") + ")");
        }
    }
    return pass(kind);
}

CheckResult reports(const CheckContext& ctx) {
    const std::string kind = "reports";
    std::vector<std::string> allowed;
    const json& o = ctx.check["Outcome"];
    if (o.is_array())
        for (const auto& e : o) allowed.push_back(e.get<std::string>());
    else
        allowed.push_back(o.get<std::string>());
    // "failure" is either way of reporting one; a name that is no outcome allows nothing.
    std::set<Outcome> accepted;
    for (const auto& name : allowed) {
        if (name == "failure") accepted.insert({Outcome::Error, Outcome::ClientError});
        if (std::optional<Outcome> outcome = outcome_from(name)) accepted.insert(*outcome);
    }
    const std::string code = ctx.check.value("Code", "");
    for (const auto& c : ctx.calls) {
        const ClientReport& r = c.report;
        if (r.outcome == Outcome::Invalid) return fail(kind, "adapter output: " + r.message);
        if (!accepted.count(r.outcome)) {
            std::string last = c.attempts.empty() ? "no request" : answer_text(c.attempts.back());
            return fail(kind, call_name(c, ctx.calls.size()) + ": the client reported " + report_text(r) +
                                  " after " + last + "; expected " + json(allowed).dump());
        }
        if (r.outcome == Outcome::Error && !code.empty()) {
            std::string want = code;
            if (code == "$answer") want = c.attempts.empty() ? "" : c.attempts.back().answer_code;
            if (r.code != want)
                return fail(kind, call_name(c, ctx.calls.size()) + ": the client reported Error " +
                                      json(r.code).dump() + ", the service answered " + json(want).dump());
        }
    }
    return pass(kind);
}

CheckResult honest_success(const CheckContext& ctx) {
    const std::string kind = "honest_success";
    for (const auto& c : ctx.calls) {
        if (c.report.outcome != Outcome::Success) continue;
        if (c.attempts.empty()) return fail(kind, "the client reported success but sent no request");
        const Attempt& last = c.attempts.back();
        if (last.status != 200 || !last.answer_code.empty() || last.answer_kind == AnswerKind::Drop ||
            last.answer_kind == AnswerKind::Stall)
            return fail(kind, call_name(c, ctx.calls.size()) +
                                  ": the client reported success, but the last answer was " +
                                  answer_text(last));
    }
    return pass(kind);
}

CheckResult wait_after_429(const CheckContext& ctx) {
    const std::string kind = "wait_after_429";
    const std::int64_t tolerance = ctx.check.value("ToleranceMs", 50);
    for (const auto& c : ctx.calls)
        for (std::size_t i = 1; i < c.attempts.size(); ++i) {
            const Attempt& prev = c.attempts[i - 1];
            if (prev.status != 429) continue;
            const std::int64_t gap = (c.attempts[i].arrived_ns - prev.arrived_ns) / 1000000;
            const std::int64_t need = std::max(prev.retry_after_s, 0) * 1000;
            if (gap + tolerance < need)
                return fail(kind, call_name(c, ctx.calls.size()) + ": attempt " + std::to_string(i + 1) +
                                      " came " + std::to_string(gap) + " ms after a 429 with Retry-After: " +
                                      std::to_string(prev.retry_after_s));
        }
    return pass(kind);
}

CheckResult gaps(const CheckContext& ctx) {
    const std::string kind = "gaps";
    const std::int64_t min = ctx.check.value("MinMs", 0);
    const bool increasing = ctx.check.value("Increasing", false);
    for (const auto& c : ctx.calls) {
        std::int64_t prev_gap = -1;
        for (std::size_t i = 1; i < c.attempts.size(); ++i) {
            const std::int64_t gap = (c.attempts[i].arrived_ns - c.attempts[i - 1].arrived_ns) / 1000000;
            if (gap < min)
                return fail(kind, "attempt " + std::to_string(i + 1) + " came " + std::to_string(gap) +
                                      " ms after the previous one, at least " + std::to_string(min) +
                                      " ms expected");
            if (increasing && prev_gap >= 0 && gap + 20 < prev_gap)
                return fail(kind, "the wait before attempt " + std::to_string(i + 1) + " (" +
                                      std::to_string(gap) + " ms) is shorter than the one before (" +
                                      std::to_string(prev_gap) + " ms): no backoff");
            prev_gap = gap;
        }
    }
    return pass(kind);
}

CheckResult elapsed(const CheckContext& ctx) {
    const std::string kind = "elapsed";
    const std::int64_t max = ctx.check.value("MaxMs", 30000);
    for (const auto& c : ctx.calls)
        if (c.run.timed_out || c.run.elapsed_ms > max)
            return fail(kind, call_name(c, ctx.calls.size()) + " returned after " +
                                  std::to_string(c.run.elapsed_ms) + " ms" +
                                  (c.run.timed_out ? " (killed at the harness deadline)" : "") +
                                  ", at most " + std::to_string(max) + " ms expected");
    return pass(kind);
}

CheckResult mock_answer(const CheckContext& ctx) {
    const std::string kind = "mock_answer";
    const std::string code = ctx.check.value("Code", "");
    const std::string prefix = ctx.check.value("CodePrefix", "");
    for (const auto& c : ctx.calls) {
        if (c.attempts.empty()) continue;  // other checks report the missing request
        const Attempt& first = c.attempts.front();
        const bool matches =
            ctx.check.contains("CodePrefix")
                ? first.answer_code.rfind(prefix, 0) == 0 && (!prefix.empty() || first.answer_code.empty())
                : first.answer_code == code;
        if (!matches)
            return {
                kind, "SKIP",
                "precondition: the mock answered " + answer_text(first) + ", the scenario needs " +
                    (ctx.check.contains("CodePrefix") ? prefix + "*" : (code.empty() ? "success" : code)) +
                    " (the mock does not implement this yet)"};
    }
    return pass(kind);
}

CheckResult callback_status(const CheckContext& ctx) {
    const std::string kind = "callback_status";
    if (ctx.deliveries.empty()) return fail(kind, "no callback was delivered");
    long index = ctx.check.value("Index", -1L);
    if (index < 0) index += static_cast<long>(ctx.deliveries.size());
    if (index < 0 || index >= static_cast<long>(ctx.deliveries.size()))
        return fail(kind, "no delivery at that Index");
    const Delivery& d = ctx.deliveries[static_cast<std::size_t>(index)];
    const json& expect = ctx.check["Expect"];
    const std::string got = d.status ? "HTTP " + std::to_string(d.status) : "no answer (" + d.error + ")";
    if (expect.is_number_integer()) {
        const std::int64_t within = ctx.check.value("WithinMs", 5000);
        if (d.status != expect.get<int>())
            return fail(kind, "the " + d.kind + " callback " + d.event_id + " got " + got +
                                  ", expected HTTP " + std::to_string(expect.get<int>()));
        if (d.elapsed_ms > within)
            return fail(kind, "the " + d.kind + " callback got its answer after " +
                                  std::to_string(d.elapsed_ms) + " ms, the service waits " +
                                  std::to_string(within) + " ms");
        return pass(kind);
    }
    if (d.status == 200)
        return fail(kind,
                    "the " + d.kind + " callback " + d.event_id + " got HTTP 200: the receiver accepted it");
    return pass(kind);
}

}  // namespace

CheckResult run_check(const CheckContext& ctx) {
    const std::string kind = ctx.check.value("Kind", "");
    if (kind == "signature_ok") return signature_ok(ctx);
    if (kind == "security_token") return security_token(ctx);
    if (kind == "fresh_x_date") return fresh_x_date(ctx);
    if (kind == "params_received") return params_received(ctx);
    if (kind == "attempts") return attempts(ctx);
    if (kind == "reports") return reports(ctx);
    if (kind == "honest_success") return honest_success(ctx);
    if (kind == "wait_after_429") return wait_after_429(ctx);
    if (kind == "gaps") return gaps(ctx);
    if (kind == "elapsed") return elapsed(ctx);
    if (kind == "mock_answer") return mock_answer(ctx);
    if (kind == "callback_status") return callback_status(ctx);
    return fail(kind, "unknown check kind");
}

}  // namespace rtc::conformance
