#include "core/faults/fault_rule.h"

#include <cmath>
#include <limits>

#include "core/enum_names.h"
#include "core/errors.h"
#include "core/timefmt.h"

namespace rtc::faults {

namespace {
constexpr EnumName<FaultType> kTypeNames[] = {{FaultType::Latency, "latency"},
                                              {FaultType::Error, "error"},
                                              {FaultType::Drop, "drop"},
                                              {FaultType::Reset, "reset"},
                                              {FaultType::Throttle, "throttle"}};
}  // namespace

const char* type_name(FaultType t) {
    return name_of(kTypeNames, t);
}

std::optional<FaultType> fault_type_from(std::string_view name) {
    return value_of(kTypeNames, name);
}

bool FaultRule::scope_matches(const std::string& act, const std::string& account,
                              const std::string& app) const {
    if (action != "*" && action != act) return false;
    if (!account_id.empty() && account_id != account) return false;
    if (!app_id.empty() && app_id != app) return false;
    return true;
}

nlohmann::json FaultRule::to_json(TimeMs now) const {
    nlohmann::json j{{"Id", id},
                     {"Action", action},
                     {"AccountId", account_id},
                     {"AppId", app_id},
                     {"Type", type_name(type)},
                     {"Probability", probability},
                     {"Applied", applied},
                     {"CreatedAt", format_rfc3339(created_ms)},
                     {"Active", !expired(now) && !exhausted()}};
    if (type == FaultType::Latency) {
        if (latency_min_ms == latency_max_ms) {
            j["LatencyMs"] = latency_min_ms;
        } else {
            j["LatencyMinMs"] = latency_min_ms;
            j["LatencyMaxMs"] = latency_max_ms;
        }
    }
    if (type == FaultType::Error) {
        nlohmann::json e = nlohmann::json::object();
        if (!error.reason.empty()) e["Reason"] = error.reason;
        if (!error.code.empty()) e["Code"] = error.code;
        if (error.code_n) e["CodeN"] = *error.code_n;
        if (error.http_status) e["HttpStatus"] = *error.http_status;
        if (!error.message.empty()) e["Message"] = error.message;
        j["Error"] = e;
    }
    if (retry_after_seconds) j["RetryAfterSeconds"] = *retry_after_seconds;
    if (seed) j["Seed"] = *seed;
    j["Count"] = count ? nlohmann::json(*count) : nlohmann::json(nullptr);
    j["Remaining"] = remaining ? nlohmann::json(*remaining) : nlohmann::json(nullptr);
    if (expires_at_ms) {
        j["ExpiresInSeconds"] = *expires_in_seconds;
        j["ExpiresAt"] = format_rfc3339(*expires_at_ms);
    }
    return j;
}

namespace {

const char* const kRuleKeys[] = {
    "Action", "AccountId",   "AppId", "Type",  "LatencyMs",        "LatencyMinMs",     "LatencyMaxMs",
    "Error",  "Probability", "Seed",  "Count", "ExpiresInSeconds", "RetryAfterSeconds"};
const char* const kErrorKeys[] = {"Reason", "Code", "CodeN", "HttpStatus", "Message"};

template <std::size_t N>
std::optional<std::string> unknown_key(const nlohmann::json& obj, const char* const (&allowed)[N],
                                       const std::string& where) {
    for (const auto& item : obj.items()) {
        bool ok = false;
        for (const char* k : allowed) ok = ok || item.key() == k;
        if (!ok) {
            std::string list;
            for (const char* k : allowed) list += std::string(list.empty() ? "" : ", ") + k;
            return "unknown field " + where + item.key() + " (fields: " + list + ")";
        }
    }
    return std::nullopt;
}

// A whole number in [lo, hi], or an error naming the field.
bool whole(const nlohmann::json& obj, const char* key, std::int64_t lo, std::int64_t hi, std::int64_t& out,
           std::string& error, const std::string& where = "") {
    const auto& v = obj.at(key);
    bool ok =
        v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
                                  std::fabs(v.get<double>()) < 9e15);
    if (ok) {
        double d = v.get<double>();
        ok = d >= static_cast<double>(lo) && d <= static_cast<double>(hi);
        if (ok)
            out = v.is_number_unsigned() ? static_cast<std::int64_t>(v.get<std::uint64_t>())
                                         : v.get<std::int64_t>();
    }
    if (!ok)
        error = where + key + " must be a whole number in [" + std::to_string(lo) + ", " +
                std::to_string(hi) + "], got " + v.dump();
    return ok;
}

bool text(const nlohmann::json& obj, const char* key, bool allow_empty, std::string& out, std::string& error,
          const std::string& where = "") {
    const auto& v = obj.at(key);
    if (!v.is_string() || (!allow_empty && v.get<std::string>().empty()) ||
        v.get<std::string>().size() > FaultLimits::kMaxStringBytes) {
        error = where + key + " must be a " + (allow_empty ? "" : "non-empty ") + "string of at most " +
                std::to_string(FaultLimits::kMaxStringBytes) + " bytes, got " +
                v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return false;
    }
    out = v.get<std::string>();
    return true;
}

bool parse_error(const nlohmann::json& e, FaultError& out, std::string& error) {
    if (!e.is_object()) {
        error =
            "Error must be an object like {\"Code\":\"InternalError\",\"CodeN\":100014,\"HttpStatus\":500}";
        return false;
    }
    if (auto bad = unknown_key(e, kErrorKeys, "Error.")) {
        error = *bad;
        return false;
    }
    if (e.contains("Reason")) {
        if (!text(e, "Reason", false, out.reason, error, "Error.")) return false;
        if (!ErrorCatalog::known_reason(out.reason)) {
            error = "Error.Reason \"" + out.reason + "\" is not a reason of the error catalogue";
            return false;
        }
        if (e.contains("Code") || e.contains("CodeN")) {
            error = "Error takes either Reason or Code (+ CodeN), not both";
            return false;
        }
    } else if (!e.contains("Code")) {
        error = "Error needs a Code (e.g. \"InternalError\") or a catalogue Reason";
        return false;
    }
    std::int64_t n = 0;
    if (e.contains("Code") && !text(e, "Code", false, out.code, error, "Error.")) return false;
    if (e.contains("CodeN")) {
        if (!whole(e, "CodeN", 0, std::numeric_limits<int>::max(), n, error, "Error.")) return false;
        out.code_n = static_cast<int>(n);
    }
    if (e.contains("HttpStatus")) {
        if (!whole(e, "HttpStatus", 200, 599, n, error, "Error.")) return false;
        out.http_status = static_cast<int>(n);
    }
    if (e.contains("Message") && !text(e, "Message", true, out.message, error, "Error.")) return false;
    return true;
}

}  // namespace

std::optional<FaultRule> parse_fault_rule(const nlohmann::json& body, std::string& error) {
    if (!body.is_object()) {
        error = "the body must be a JSON object";
        return std::nullopt;
    }
    if (auto bad = unknown_key(body, kRuleKeys, "")) {
        error = *bad;
        return std::nullopt;
    }
    FaultRule r;
    if (!body.contains("Type")) {
        error = "Type is required: latency, error, drop, reset or throttle";
        return std::nullopt;
    }
    std::string type;
    if (!text(body, "Type", false, type, error)) return std::nullopt;
    if (auto t = fault_type_from(type)) {
        r.type = *t;
    } else {
        error = "Type must be latency, error, drop, reset or throttle, got \"" + type + "\"";
        return std::nullopt;
    }
    if (body.contains("Action") && !text(body, "Action", false, r.action, error)) return std::nullopt;
    if (body.contains("AccountId") && !text(body, "AccountId", true, r.account_id, error))
        return std::nullopt;
    if (body.contains("AppId") && !text(body, "AppId", true, r.app_id, error)) return std::nullopt;

    const bool fixed = body.contains("LatencyMs");
    const bool ranged = body.contains("LatencyMinMs") || body.contains("LatencyMaxMs");
    if (r.type == FaultType::Latency) {
        if (fixed == ranged) {
            error = "a latency rule needs LatencyMs, or LatencyMinMs and LatencyMaxMs (not both forms)";
            return std::nullopt;
        }
        if (fixed) {
            if (!whole(body, "LatencyMs", 0, FaultLimits::kMaxLatencyMs, r.latency_min_ms, error))
                return std::nullopt;
            r.latency_max_ms = r.latency_min_ms;
        } else {
            if (!body.contains("LatencyMinMs") || !body.contains("LatencyMaxMs")) {
                error = "a random latency needs both LatencyMinMs and LatencyMaxMs";
                return std::nullopt;
            }
            if (!whole(body, "LatencyMinMs", 0, FaultLimits::kMaxLatencyMs, r.latency_min_ms, error) ||
                !whole(body, "LatencyMaxMs", 0, FaultLimits::kMaxLatencyMs, r.latency_max_ms, error))
                return std::nullopt;
            if (r.latency_min_ms > r.latency_max_ms) {
                error = "LatencyMinMs must not be above LatencyMaxMs";
                return std::nullopt;
            }
        }
    } else if (fixed || ranged) {
        error = "LatencyMs / LatencyMinMs / LatencyMaxMs belong to Type latency only";
        return std::nullopt;
    }

    if (r.type == FaultType::Error) {
        if (body.contains("Error")) {
            if (!parse_error(body.at("Error"), r.error, error)) return std::nullopt;
        } else {
            r.error.reason = "InternalError";  // the gateway's InternalError (100014, HTTP 500)
        }
    } else if (body.contains("Error")) {
        error = "Error belongs to Type error only";
        return std::nullopt;
    }

    std::int64_t n = 0;
    if (body.contains("RetryAfterSeconds")) {
        if (r.type != FaultType::Throttle) {
            error = "RetryAfterSeconds belongs to Type throttle only";
            return std::nullopt;
        }
        if (!whole(body, "RetryAfterSeconds", 1, FaultLimits::kMaxRetryAfterSeconds, n, error))
            return std::nullopt;
        r.retry_after_seconds = n;
    }
    if (body.contains("Probability")) {
        const auto& p = body.at("Probability");
        if (!p.is_number() || p.get<double>() < 0 || p.get<double>() > 1) {
            error = "Probability must be a number in [0, 1], got " + p.dump();
            return std::nullopt;
        }
        r.probability = p.get<double>();
    }
    if (body.contains("Seed")) {
        const auto& s = body.at("Seed");
        if (!s.is_number_integer() ||
            (s.is_number_integer() && !s.is_number_unsigned() && s.get<std::int64_t>() < 0)) {
            error = "Seed must be a whole number >= 0, got " + s.dump();
            return std::nullopt;
        }
        r.seed = s.get<std::uint64_t>();
    }
    if (body.contains("Count")) {
        if (!whole(body, "Count", 1, std::numeric_limits<std::int64_t>::max() / 2, n, error))
            return std::nullopt;
        r.count = n;
    }
    if (body.contains("ExpiresInSeconds")) {
        if (!whole(body, "ExpiresInSeconds", 1, FaultLimits::kMaxExpiresInSeconds, n, error))
            return std::nullopt;
        r.expires_in_seconds = n;
    }
    return r;
}

}  // namespace rtc::faults

namespace rtc::faults {

void start_rule(FaultRule& rule, TimeMs now) {
    rule.created_ms = now;
    if (rule.expires_in_seconds) rule.expires_at_ms = now + *rule.expires_in_seconds * 1000;
    rule.remaining = rule.count;
    rule.applied = 0;
    if (rule.seed) {
        rule.rng.seed(*rule.seed);
    } else {
        std::random_device rd;
        rule.rng.seed((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    }
}

std::optional<FaultHit> try_rule(FaultRule& r, const std::string& action, const std::string& account,
                                 const std::string& app, TimeMs now) {
    if (!r.draws_for(action, account, app, now)) return std::nullopt;
    if (r.probability < 1.0 && std::uniform_real_distribution<double>(0.0, 1.0)(r.rng) >= r.probability)
        return std::nullopt;
    FaultHit hit;
    hit.id = r.id;
    hit.type = r.type;
    if (r.type == FaultType::Latency)
        hit.delay_ms = r.latency_min_ms == r.latency_max_ms ? r.latency_min_ms
                                                            : std::uniform_int_distribution<std::int64_t>(
                                                                  r.latency_min_ms, r.latency_max_ms)(r.rng);
    hit.error = r.error;
    hit.retry_after_seconds = r.retry_after_seconds;
    if (r.remaining) --*r.remaining;
    ++r.applied;
    return hit;
}

std::optional<FaultHit> match_rules(std::vector<FaultRule>& rules, const std::string& action,
                                    const std::string& account, const std::string& app, TimeMs now,
                                    std::vector<std::size_t>* drawn) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i].draws_for(action, account, app, now)) continue;
        if (drawn) drawn->push_back(i);
        if (auto hit = try_rule(rules[i], action, account, app, now)) return hit;
    }
    return std::nullopt;
}

std::string request_app_id(const ApiRequest& req, const QueryParams& query) {
    if (req.method != "GET") {
        auto body = nlohmann::json::parse(req.body, nullptr, false);
        if (body.is_object()) {
            auto it = body.find("AppId");
            if (it != body.end() && it->is_string()) return it->get<std::string>();
        }
    }
    // GET, and a POST whose AppId travels in the query string (DeleteCallback, docs/service-facts.md §5).
    const std::string* a = find_param(query, "AppId");
    return a ? *a : "";
}

}  // namespace rtc::faults
