#include "core/admin/queries.h"

namespace rtc::admin {

const std::vector<std::string>& journal_filter_names() {
    static const std::vector<std::string> names = {"action",  "code",  "account", "app",  "status",
                                                   "verdict", "fault", "since",   "limit"};
    return names;
}

namespace {

bool parse_uint(const std::string& s, std::uint64_t max, std::uint64_t& out) {
    if (s.empty() || s.size() > 20) return false;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        std::uint64_t d = static_cast<std::uint64_t>(c - '0');
        if (v > (max - d) / 10) return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}

}  // namespace

std::optional<std::string> parse_journal_filter(
    const std::vector<std::pair<std::string, std::string>>& params, JournalFilter& out) {
    const auto& names = journal_filter_names();
    std::vector<std::string> seen;
    for (const auto& [name, value] : params) {
        bool known = false;
        for (const auto& n : names) known = known || n == name;
        if (!known) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            return "unknown filter \"" + name + "\" (filters: " + list + ")";
        }
        for (const auto& s : seen)
            if (s == name) return "the filter \"" + name + "\" is given twice";
        seen.push_back(name);
        if (name == "status" || name == "since" || name == "limit") {
            std::uint64_t v = 0;
            const std::uint64_t max = name == "status" ? 599 : name == "limit" ? 10000000 : UINT64_MAX;
            if (!parse_uint(value, max, v))
                return "the filter \"" + name + "\" must be a whole number in [0, " + std::to_string(max) +
                       "], got \"" + value + "\"";
            if (name == "status") out.status = static_cast<int>(v);
            if (name == "since") out.since = v;
            if (name == "limit") out.limit = static_cast<std::size_t>(v);
            continue;
        }
        if (value.empty()) return "the filter \"" + name + "\" needs a value";
        if (name == "verdict") {
            out.verdict = signing::signature_verdict_from(value);
            if (!out.verdict)
                return "the filter \"verdict\" must be ok, unsigned, mismatch or invalid, got \"" + value +
                       "\"";
        }
        if (name == "action") out.action = value;
        if (name == "code") out.code = value;
        if (name == "account") out.account = value;
        if (name == "app") out.app = value;
        if (name == "fault") out.fault = value;
    }
    return std::nullopt;
}

QueryPairs journal_filter_params(const JournalFilter& f) {
    QueryPairs out;
    if (f.action) out.emplace_back("action", *f.action);
    if (f.code) out.emplace_back("code", *f.code);
    if (f.account) out.emplace_back("account", *f.account);
    if (f.app) out.emplace_back("app", *f.app);
    if (f.status) out.emplace_back("status", std::to_string(*f.status));
    if (f.verdict) out.emplace_back("verdict", signing::to_string(*f.verdict));
    if (f.fault) out.emplace_back("fault", *f.fault);
    if (f.since) out.emplace_back("since", std::to_string(f.since));
    if (f.limit) out.emplace_back("limit", std::to_string(f.limit));
    return out;
}

std::optional<std::string> parse_attempt_query(const QueryPairs& params, callbacks::AttemptQuery& out) {
    for (const auto& [name, value] : params) {
        if (name == "event_id") {
            out.event_id = value;
        } else if (name == "app_id") {
            out.app_id = value;
        } else if (name == "task") {
            out.task = value;
        } else if (name == "outcome") {
            out.outcome = callbacks::delivery_outcome_from(value);
            if (!out.outcome) return "outcome must be delivered, retrying, failed or abandoned";
        } else if (name == "limit") {
            std::uint64_t v = 0;
            if (!parse_uint(value, 10000000, v)) return "limit must be a whole number >= 0";
            out.limit = static_cast<std::size_t>(v);
        }
    }
    return std::nullopt;
}

QueryPairs attempt_query_params(const callbacks::AttemptQuery& q) {
    QueryPairs out;
    if (!q.event_id.empty()) out.emplace_back("event_id", q.event_id);
    if (!q.app_id.empty()) out.emplace_back("app_id", q.app_id);
    if (!q.task.empty()) out.emplace_back("task", q.task);
    if (q.outcome) out.emplace_back("outcome", callbacks::to_string(*q.outcome));
    if (q.limit) out.emplace_back("limit", std::to_string(q.limit));
    return out;
}

}  // namespace rtc::admin
