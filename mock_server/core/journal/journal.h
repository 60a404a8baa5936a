// The request journal's records: every API request with what the mock decided about it, and the filters of
// `GET /_mock/requests`. Where the entries are kept, bounded, is the state engine's
// (core/state/journal_store.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/faults/fault_type.h"
#include "core/request.h"
#include "core/signing/verifier.h"
#include "core/time_ms.h"

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
    std::string fault;                            // id of the fault rule applied, if any
    std::optional<faults::FaultType> fault_type;  // its type
    std::int64_t fault_delay_ms = 0;              // latency added by a fault (part of latency_ms)
    std::string query;
    std::vector<Header> headers;
    std::string body;  // truncated to Journal.MaxBodyBytes
    bool body_truncated = false;
    std::string replica;        // the replica that answered (a shared state engine's; "" in a single process)
    int state_round_trips = 0;  // round trips to a shared state engine the answer waited for

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

using JournalEntryPtr = std::shared_ptr<const JournalEntry>;

struct JournalPage {
    std::vector<JournalEntryPtr> entries;  // oldest first
    std::size_t total = 0;                 // entries matching, before `limit`
    std::size_t capacity = 0;
    std::uint64_t dropped = 0;  // entries evicted by the bound since the last clear
};

}  // namespace rtc
