#include "core/journal/journal.h"

#include "core/timefmt.h"

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
    nlohmann::json j{
        {"Seq", seq},
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
         {{"Verdict", signature_verdict}, {"Form", signature_form}, {"SignedHeaders", signed_headers}}},
        {"UnknownFields", unknown_fields},
        {"Throttled", throttled},
        {"RateLimit", rate_limit},
        {"Fault", fault},
        {"Query", query},
        {"Headers", headers_json},
        {"Body", body},
        {"BodyTruncated", body_truncated}};
    if (!canonical_request.empty()) {
        j["Signature"]["CanonicalRequest"] = canonical_request;
        j["Signature"]["StringToSign"] = string_to_sign;
    }
    return j;
}

void Journal::record(JournalEntry entry) {
    std::lock_guard<std::mutex> lock(mu_);
    entry.seq = next_seq_++;
    if (entries_.size() >= capacity_) entries_.pop_front();
    entries_.push_back(std::move(entry));
}

std::vector<JournalEntry> Journal::snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    return std::vector<JournalEntry>(entries_.begin(), entries_.end());
}

void Journal::clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
}

std::size_t Journal::size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_.size();
}

std::uint64_t Journal::total_recorded() const {
    std::lock_guard<std::mutex> lock(mu_);
    return next_seq_ - 1;
}

}  // namespace rtc
