// A fault rule of `POST /_mock/faults`: what to break (latency, an error answer, a dropped or reset
// connection, throttling), for which requests (action, account, app), how often (probability with a seed,
// a count, an expiry). Parsing checks every field and says what is wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/faults/fault_type.h"
#include "core/request.h"
#include "core/time_ms.h"
#include "core/uri.h"

namespace rtc::faults {

// The answer of an "error" rule. Either a catalogue reason or an explicit Code (+ CodeN, HttpStatus).
struct FaultError {
    std::string reason;              // a reason of the error catalogue (errors.cpp), or ""
    std::string code;                // explicit Code when no reason
    std::optional<int> code_n;       // gateway-style CodeN
    std::optional<int> http_status;  // 200 gives HTTP 200 + Error
    std::string message;
};

// Bounds of the inputs, declared once (the admin docs quote them).
struct FaultLimits {
    static constexpr std::int64_t kMaxLatencyMs = 120000;
    static constexpr std::int64_t kMaxExpiresInSeconds = 10LL * 365 * 86400;
    static constexpr std::int64_t kMaxRetryAfterSeconds = 3600;
    static constexpr std::size_t kMaxRules = 1000;
    static constexpr std::size_t kMaxStringBytes = 1024;
};

struct FaultRule {
    std::string id;
    std::string action = "*";  // "*": every action
    std::string account_id;    // "": every account
    std::string app_id;        // "": every app
    FaultType type = FaultType::Error;
    std::int64_t latency_min_ms = 0;
    std::int64_t latency_max_ms = 0;
    FaultError error;
    std::optional<std::int64_t> retry_after_seconds;  // throttle: the Retry-After header
    double probability = 1.0;
    std::optional<std::uint64_t> seed;
    std::optional<std::int64_t> count;  // requests to fault; unset: unlimited
    std::optional<std::int64_t> expires_in_seconds;

    // Run-time state.
    TimeMs created_ms = 0;
    std::optional<TimeMs> expires_at_ms;
    std::optional<std::int64_t> remaining;
    std::int64_t applied = 0;
    std::mt19937_64 rng;

    bool expired(TimeMs now) const { return expires_at_ms && now >= *expires_at_ms; }
    bool exhausted() const { return remaining && *remaining <= 0; }
    bool scope_matches(const std::string& act, const std::string& account, const std::string& app) const;
    // In force and in scope: the rule draws for this request (and its state changes).
    bool draws_for(const std::string& act, const std::string& account, const std::string& app,
                   TimeMs now) const {
        return !expired(now) && !exhausted() && scope_matches(act, account, app);
    }
    nlohmann::json to_json(TimeMs now) const;
};

// What the pipeline must do to one request a rule takes.
struct FaultHit {
    std::string id;
    FaultType type = FaultType::Error;
    std::int64_t delay_ms = 0;                        // latency
    FaultError error;                                 // error
    std::optional<std::int64_t> retry_after_seconds;  // throttle
};

// A rule as stored from `now` (its id already given): expiry, count, and its generator seeded by Seed (else
// at random).
void start_rule(FaultRule& rule, TimeMs now);
// The rule's fault for a request, when the rule is in force, its scope matches and its probability draw
// succeeds (a rule draws only for the requests in its scope, so its pattern depends on its own traffic
// alone); spends its count.
std::optional<FaultHit> try_rule(FaultRule& rule, const std::string& action, const std::string& account,
                                 const std::string& app, TimeMs now);
// The fault of the first rule (in order) that takes the request, trying each with try_rule. `drawn`, when
// given, gets the index of every rule that drew (whose state changed and must be stored), so an engine that
// keeps the rules elsewhere writes back only those.
std::optional<FaultHit> match_rules(std::vector<FaultRule>& rules, const std::string& action,
                                    const std::string& account, const std::string& app, TimeMs now,
                                    std::vector<std::size_t>* drawn = nullptr);

// The AppId a request names, for app-scoped rules: the JSON body's (POST), else the query's (GET, and
// DeleteCallback's query form); "" if none.
std::string request_app_id(const ApiRequest& req, const QueryParams& query);

// Reads a rule from the JSON body. On a bad field returns nullopt and says why in `error`.
std::optional<FaultRule> parse_fault_rule(const nlohmann::json& body, std::string& error);

}  // namespace rtc::faults
