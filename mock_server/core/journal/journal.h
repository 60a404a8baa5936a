// The request journal: every API request with what the mock decided about it. A ring buffer with a fixed
// bound, so memory stays flat however long the mock runs (the unbounded journals of other mocks run out).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/request.h"

namespace rtc {

struct JournalEntry {
    std::uint64_t seq = 0;
    TimeMs time = 0;
    std::string request_id;
    std::string method;
    std::string action;
    std::string version;
    std::string account_id;
    std::string access_key;
    std::string app_id;
    std::string remote_addr;
    int http_status = 0;
    std::string error_code;
    std::string error_message;
    double latency_ms = 0;
    // Signature: "ok", "unsigned", "mismatch" or "invalid" (any other gateway failure), with the form.
    std::string signature_verdict;
    std::string signature_form;
    std::string signed_headers;
    std::string canonical_request;  // the server's, when the signature did not match
    std::string string_to_sign;
    std::vector<std::string> unknown_fields;
    bool throttled = false;
    int rate_limit = 0;
    std::string fault;  // id of the fault rule applied, if any
    std::string query;
    std::vector<Header> headers;
    std::string body;  // truncated to Journal.MaxBodyBytes
    bool body_truncated = false;

    nlohmann::json to_json() const;
};

class Journal {
  public:
    explicit Journal(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}
    void record(JournalEntry entry);
    std::vector<JournalEntry> snapshot() const;
    void clear();
    std::size_t size() const;
    std::size_t capacity() const { return capacity_; }
    std::uint64_t total_recorded() const;  // including entries the bound has dropped

  private:
    mutable std::mutex mu_;
    std::size_t capacity_;
    std::deque<JournalEntry> entries_;
    std::uint64_t next_seq_ = 1;
};

}  // namespace rtc
