#include "core/journal/journal.h"

#include "core/timefmt.h"
#include "core/uri.h"

namespace rtc {

nlohmann::json JournalEntry::to_json() const {
    nlohmann::json headers_json = nlohmann::json::object();
    for (const auto& h : headers) {
        // Never echo a secret: the Authorization header keeps its structure, the token is masked.
        if (iequals(h.name, "X-Security-Token"))
            headers_json[h.name] = "***";
        else
            headers_json[h.name] = h.value;
    }
    nlohmann::json j{{"Seq", seq},
                     {"Time", format_rfc3339(time)},
                     {"TimeMs", time},
                     {"RequestId", request_id},
                     {"Method", method},
                     {"Action", action},
                     {"Version", version},
                     {"AccountId", account_id},
                     {"AccessKey", access_key},
                     {"AppId", app_id},
                     {"RemoteAddr", remote_addr},
                     {"HttpStatus", http_status},
                     {"ErrorCode", error_code},
                     {"ErrorMessage", error_message},
                     {"LatencyMs", latency_ms},
                     {"Signature",
                      {{"Verdict", signature_verdict ? signing::to_string(*signature_verdict) : ""},
                       {"Form", signing::to_string(signature_form)},
                       {"SignedHeaders", signed_headers}}},
                     {"UnknownFields", unknown_fields},
                     {"Throttled", throttled},
                     {"RateLimit", rate_limit},
                     {"Fault", fault},
                     {"FaultType", fault_type},
                     {"FaultDelayMs", fault_delay_ms},
                     {"Query", redact_query_param(query, "X-Security-Token")},
                     {"Headers", headers_json},
                     {"Body", body},
                     {"BodyTruncated", body_truncated}};
    if (!business_id.empty()) j["BusinessId"] = business_id;
    if (callback_routed)
        j["CallbackBusinessId"] = callback_business_id ? nlohmann::json(*callback_business_id) : nullptr;
    if (!canonical_request.empty()) {
        j["Signature"]["CanonicalRequest"] = canonical_request;
        j["Signature"]["StringToSign"] = string_to_sign;
    }
    if (!body_hash_received.empty()) {
        j["Signature"]["BodyHashReceived"] = body_hash_received;
        j["Signature"]["BodyHashComputed"] = body_hash_computed;
    }
    return j;
}

bool JournalFilter::matches(const JournalEntry& e) const {
    if (e.seq <= since) return false;
    if (action && e.action != *action) return false;
    if (code) {
        if (*code == "ok") {
            if (!e.error_code.empty() || e.http_status == 0) return false;
        } else if (e.error_code != *code) {
            return false;
        }
    }
    if (account && e.account_id != *account) return false;
    if (app && e.app_id != *app) return false;
    if (status && e.http_status != *status) return false;
    if (verdict && e.signature_verdict != *verdict) return false;
    if (fault) {
        if (*fault == "any" ? e.fault.empty() : e.fault != *fault) return false;
    }
    return true;
}

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

Journal::Journal(std::size_t capacity, const events::Hub* hub)
    : capacity_(capacity ? capacity : 1), hub_(hub), slots_(capacity_) {}

void Journal::record(JournalEntry entry) {
    auto fresh = std::make_shared<JournalEntry>(std::move(entry));
    JournalEntryPtr published = hub_ && hub_->wants(events::kRequests) ? fresh : nullptr;
    JournalEntryPtr evicted;  // freed after the lock is released
    {
        std::lock_guard<std::mutex> lock(mu_);
        fresh->seq = next_seq_++;
        if (size_ == capacity_) {
            evicted = std::move(slots_[head_]);
            slots_[head_] = std::move(fresh);
            head_ = (head_ + 1) % capacity_;
            ++evicted_;
        } else {
            slots_[(head_ + size_) % capacity_] = std::move(fresh);
            ++size_;
        }
    }
    if (published) hub_->publish(events::RequestEvent{std::move(published)});
}

std::vector<JournalEntryPtr> Journal::newer_than(std::uint64_t since) const {
    std::vector<JournalEntryPtr> out;
    std::lock_guard<std::mutex> lock(mu_);
    // Seqs rise along the ring: binary-search the first entry newer than `since`.
    std::size_t lo = 0, hi = size_;
    while (lo < hi) {
        std::size_t mid = (lo + hi) / 2;
        if (slots_[(head_ + mid) % capacity_]->seq <= since)
            lo = mid + 1;
        else
            hi = mid;
    }
    out.reserve(size_ - lo);
    for (std::size_t i = lo; i < size_; ++i) out.push_back(slots_[(head_ + i) % capacity_]);
    return out;
}

JournalEntryPtr Journal::at(std::uint64_t seq) const {
    std::lock_guard<std::mutex> lock(mu_);
    if (size_ == 0) return nullptr;
    // Seqs are consecutive along the ring (every record takes the next one; a clear empties the ring).
    const std::uint64_t oldest = slots_[head_]->seq;
    if (seq < oldest || seq - oldest >= size_) return nullptr;
    return slots_[(head_ + static_cast<std::size_t>(seq - oldest)) % capacity_];
}

JournalPage Journal::query(const JournalFilter& filter) const {
    JournalPage page;
    page.capacity = capacity_;
    {
        std::lock_guard<std::mutex> lock(mu_);
        page.dropped = evicted_;
    }
    std::vector<JournalEntryPtr> candidates = newer_than(filter.since);
    for (auto& e : candidates)
        if (filter.matches(*e)) page.entries.push_back(std::move(e));
    page.total = page.entries.size();
    if (filter.limit && page.entries.size() > filter.limit)
        page.entries.erase(
            page.entries.begin(),
            page.entries.begin() + static_cast<std::ptrdiff_t>(page.entries.size() - filter.limit));
    return page;
}

std::size_t Journal::count(const JournalFilter& filter) const {
    std::size_t n = 0;
    for (const auto& e : newer_than(filter.since))
        if (filter.matches(*e)) ++n;
    return n;
}

std::vector<JournalEntry> Journal::snapshot() const {
    std::vector<JournalEntry> out;
    for (const auto& e : newer_than(0)) out.push_back(*e);
    return out;
}

void Journal::clear() {
    std::vector<JournalEntryPtr> old;  // freed after the lock is released
    std::lock_guard<std::mutex> lock(mu_);
    old.swap(slots_);
    slots_.assign(capacity_, nullptr);
    head_ = 0;
    size_ = 0;
    evicted_ = 0;
}

std::size_t Journal::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return size_;
}

std::uint64_t Journal::total_recorded() const {
    std::lock_guard<std::mutex> lock(mu_);
    return next_seq_ - 1;
}

std::uint64_t Journal::dropped() const {
    std::lock_guard<std::mutex> lock(mu_);
    return evicted_;
}

}  // namespace rtc
