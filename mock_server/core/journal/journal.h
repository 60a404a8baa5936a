// The request journal: every API request with what the mock decided about it. A ring buffer with a fixed
// bound, so memory stays flat however long the mock runs (the unbounded journals of other mocks run out).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/events/hub.h"
#include "core/request.h"
#include "core/signing/verifier.h"

namespace rtc {

struct JournalEntry {
    std::uint64_t seq = 0;
    TimeMs time = 0;
    std::string request_id;
    std::string method;
    std::string action;
    std::string version;
    bool routed = false;  // Action + Version named a served action
    std::string account_id;
    std::string access_key;
    std::string app_id;
    std::string remote_addr;
    int http_status = 0;
    std::string error_code;
    std::string error_message;
    double latency_ms = 0;
    // What the verifier concluded, and where the signature was (set once a request is routed).
    std::optional<signing::SignatureVerdict> signature_verdict;
    signing::SignatureForm signature_form = signing::SignatureForm::None;
    std::string signed_headers;
    std::string canonical_request;  // the server's, when the signature did not match
    std::string string_to_sign;
    std::string body_hash_received;  // a body-hash mismatch: X-Content-Sha256 as sent
    std::string body_hash_computed;  // and the sha256 of the body received
    std::vector<std::string> unknown_fields;
    std::string business_id;  // the request's BusinessId (callback actions: the setting it names)
    // StartWebcast (callback_routed): the BusinessId of the callback setting the task's events go to ("" the
    // app's default, nullopt none), as routed when it was answered (docs/service-facts.md §5).
    bool callback_routed = false;
    std::optional<std::string> callback_business_id;
    bool throttled = false;
    int rate_limit = 0;
    std::string fault;                // id of the fault rule applied, if any
    std::string fault_type;           // its type ("latency", "error", "drop", "reset", "throttle")
    std::int64_t fault_delay_ms = 0;  // latency added by a fault (part of latency_ms)
    std::string query;
    std::vector<Header> headers;
    std::string body;  // truncated to Journal.MaxBodyBytes
    bool body_truncated = false;

    nlohmann::json to_json() const;
};

// Which entries a query wants. Unset fields match everything.
struct JournalFilter {
    std::optional<std::string> action;   // exact Action
    std::optional<std::string> code;     // exact error Code; "ok" matches answered successes
    std::optional<std::string> account;  // AccountId
    std::optional<std::string> app;      // AppId
    std::optional<int> status;           // HTTP status (0: no answer, the connection was dropped)
    std::optional<signing::SignatureVerdict> verdict;
    std::optional<std::string> fault;  // fault rule id; "any" matches every faulted entry
    std::uint64_t since = 0;           // entries with Seq > since
    std::size_t limit = 0;             // the newest `limit` matches (0: all)

    bool matches(const JournalEntry& e) const;
};

// The filter names of `GET /_mock/requests`, in order (for error messages and docs).
const std::vector<std::string>& journal_filter_names();
// Reads a filter from query parameters. Returns an error message for an unknown name, a repeated name or a
// bad value; nullopt when the filter is good.
std::optional<std::string> parse_journal_filter(
    const std::vector<std::pair<std::string, std::string>>& params, JournalFilter& out);

using JournalEntryPtr = std::shared_ptr<const JournalEntry>;

struct JournalPage {
    std::vector<JournalEntryPtr> entries;  // oldest first
    std::size_t total = 0;                 // entries matching, before `limit`
    std::size_t capacity = 0;
    std::uint64_t dropped = 0;  // entries evicted by the bound since the last clear
};

// A preallocated ring of immutable entries: recording swaps one pointer under the lock (the evicted entry is
// freed after it), and queries copy pointers, never entries, then filter outside the lock.
class Journal {
  public:
    // Every recorded entry is also published on `hub` (when given), after it has its Seq.
    explicit Journal(std::size_t capacity, const events::Hub* hub = nullptr);
    void record(JournalEntry entry);
    JournalPage query(const JournalFilter& filter) const;
    // The entry with this Seq, or null when it was never recorded, was evicted by the bound or cleared.
    JournalEntryPtr at(std::uint64_t seq) const;
    std::size_t count(const JournalFilter& filter) const;
    std::vector<JournalEntry> snapshot() const;
    void clear();
    std::size_t size() const;
    std::size_t capacity() const { return capacity_; }
    std::uint64_t total_recorded() const;  // including entries the bound has dropped
    std::uint64_t dropped() const;

  private:
    // Pointers to the entries with Seq > since, oldest first.
    std::vector<JournalEntryPtr> newer_than(std::uint64_t since) const;

    mutable std::mutex mu_;
    const std::size_t capacity_;
    const events::Hub* hub_;
    std::vector<JournalEntryPtr> slots_;
    std::size_t head_ = 0;  // slot of the oldest entry
    std::size_t size_ = 0;
    std::uint64_t next_seq_ = 1;  // never restarts, so `since` stays valid across clears
    std::uint64_t evicted_ = 0;
};

}  // namespace rtc
