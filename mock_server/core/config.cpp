#include "core/config.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "core/actions/spec.h"
#include "core/config_reader.h"
#include "core/enum_names.h"
#include "core/ratelimit/limiter.h"
#include "core/timefmt.h"

namespace rtc {

namespace {

constexpr EnumName<WhiteboardMode> kWhiteboardModes[] = {{WhiteboardMode::Video, "video"},
                                                         {WhiteboardMode::Signaling, "signaling"},
                                                         {WhiteboardMode::None, "none"}};

}  // namespace

const char* to_string(WhiteboardMode mode) {
    return name_of(kWhiteboardModes, mode);
}

std::optional<WhiteboardMode> whiteboard_mode_from(std::string_view name) {
    return value_of(kWhiteboardModes, name);
}

std::vector<std::string> whiteboard_mode_names() {
    return names_of(kWhiteboardModes);
}

namespace {

constexpr std::int64_t kMaxInt = 2147483647;

void parse_identity(const ConfigField& f, ServiceIdentity& out) {
    f.only_keys({"Service", "Region", "Version"});
    f.get("Service", out.service);
    f.get("Region", out.region);
    f.get("Version", out.version);
}

void parse_signature(const ConfigField& f, SignatureConfig& out) {
    f.only_keys({"MaxSkewSeconds", "DefaultPresignExpiresSeconds", "RequireXDateSigned",
                 "DiagnosticsInMessage", "AcceptSortedRepeatedValues", "AcceptCollapsedHeaderWhitespace"});
    f.get("MaxSkewSeconds", out.max_skew_seconds, 0, 86400 * 365);
    f.get("DefaultPresignExpiresSeconds", out.default_presign_expires_seconds, 1, 86400 * 7);
    f.get("RequireXDateSigned", out.require_x_date_signed);
    f.get("DiagnosticsInMessage", out.diagnostics_in_message);
    f.get("AcceptSortedRepeatedValues", out.accept_sorted_repeated_values);
    f.get("AcceptCollapsedHeaderWhitespace", out.accept_collapsed_header_whitespace);
}

ErrorDef parse_error_def(const ConfigField& f) {
    f.only_keys({"Code", "CodeN", "HttpStatus"});
    ErrorDef def;
    def.code = f["Code"].str();
    if (f.has("CodeN")) def.code_n = static_cast<int>(f["CodeN"].integer(0, kMaxInt));
    if (f.has("HttpStatus")) def.http_status = static_cast<int>(f["HttpStatus"].integer(200, 599));
    return def;
}

void parse_errors(const ConfigField& f, ErrorsConfig& out) {
    f.only_keys({"ServiceErrorsAsHttp200", "ServiceStatusByPrefix", "Overrides"});
    f.get("ServiceErrorsAsHttp200", out.service_errors_as_http_200);
    if (f.has("ServiceStatusByPrefix")) {
        auto m = f["ServiceStatusByPrefix"];
        for (const auto& k : m.keys())
            out.service_status_by_prefix[k] = static_cast<int>(m[k.c_str()].integer(200, 599));
    }
    if (f.has("Overrides")) {
        auto m = f["Overrides"];
        for (const auto& k : m.keys()) {
            if (!ErrorCatalog::known_reason(k)) m[k.c_str()].fail("unknown error reason");
            out.overrides[k] = parse_error_def(m[k.c_str()]);
        }
    }
}

void parse_limits(const ConfigField& f, ServerLimits& out) {
    f.only_keys({"MaxBodyBytes"});
    f.get("MaxBodyBytes", out.max_body_bytes, 1024, 1LL << 30);
}

void parse_rate_limits(const ConfigField& f, RateLimitConfig& out) {
    f.only_keys({"Enabled", "WindowMs", "MinRetryAfterSeconds", "Actions", "Accounts"});
    f.get("Enabled", out.enabled);
    f.get("WindowMs", out.window_ms, 1, 3600000);
    f.get("MinRetryAfterSeconds", out.min_retry_after_seconds, 1, 3600);
    if (f.has("Actions")) {
        auto m = f["Actions"];
        for (const auto& k : m.keys()) out.actions[k] = static_cast<int>(m[k.c_str()].integer(0, kMaxInt));
    }
    if (f.has("Accounts")) {
        auto m = f["Accounts"];
        for (const auto& acc : m.keys()) {
            auto per = m[acc.c_str()];
            for (const auto& k : per.keys())
                out.accounts[acc][k] = static_cast<int>(per[k.c_str()].integer(0, kMaxInt));
        }
    }
}

void parse_journal(const ConfigField& f, JournalConfig& out) {
    f.only_keys({"Capacity", "MaxBodyBytes"});
    f.get("Capacity", out.capacity, 1, 10000000);
    f.get("MaxBodyBytes", out.max_body_bytes, 0, 1 << 20);
}

void parse_callbacks(const ConfigField& f, CallbackSettings& out) {
    f.only_keys({"TimeoutMs", "RetryDelaysMs", "EventType", "Version", "EndStatus", "MaxConcurrentSends",
                 "JournalCapacity", "ShutdownFlushMs", "TlsVerify", "UpdateEmptyMeansUnchanged",
                 "ChangedResult", "GetCallbackTopLevel"});
    f.get("TimeoutMs", out.timeout_ms, 1, 600000);
    if (f.has("RetryDelaysMs")) {
        auto a = f["RetryDelaysMs"];
        a.expect_array();
        out.retry_delays_ms.clear();
        for (std::size_t i = 0; i < a.size(); ++i) out.retry_delays_ms.push_back(a.at(i).integer(0, 3600000));
    }
    f.get("EventType", out.event_type);
    f.get("Version", out.version);
    f.get("EndStatus", out.end_status, 0, 100);
    f.get("MaxConcurrentSends", out.max_concurrent_sends, 1, 65536);
    f.get("JournalCapacity", out.journal_capacity, 1, 10000000);
    f.get("ShutdownFlushMs", out.shutdown_flush_ms, 0, 600000);
    f.get("TlsVerify", out.tls_verify);
    f.get("UpdateEmptyMeansUnchanged", out.update_empty_means_unchanged);
    f.get("ChangedResult", out.changed_result);
    f.get("GetCallbackTopLevel", out.get_callback_top_level);
}

void parse_tasks(const ConfigField& f, TaskSettings& out) {
    f.only_keys({"QueryWindowHours", "AlreadyStartedResult", "WBRecordAlreadyStartedResult",
                 "RestartEndedTasks", "MaxEndedTasks", "EventLogCapacity"});
    f.get("QueryWindowHours", out.query_window_hours, 1, 24 * 365);
    f.get("AlreadyStartedResult", out.already_started_result);
    if (f.has("WBRecordAlreadyStartedResult"))
        out.wb_record_already_started_result = f["WBRecordAlreadyStartedResult"].str();
    f.get("RestartEndedTasks", out.restart_ended_tasks);
    f.get("MaxEndedTasks", out.max_ended_tasks, 0, 100000000);
    f.get("EventLogCapacity", out.event_log_capacity, 1, 10000000);
}

void parse_validation(const ConfigField& f, ValidationSettings& out) {
    f.only_keys({"OddDimensionRounding", "MaxVideoSolutions", "CheckRangeBeforeRounding",
                 "CaseInsensitiveKeys", "RejectUnknownFields", "LengthUnit", "StrictParamPlaces"});
    f.get("CheckRangeBeforeRounding", out.check_range_before_rounding);
    f.get("CaseInsensitiveKeys", out.case_insensitive_keys);
    f.get("RejectUnknownFields", out.reject_unknown_fields);
    f.get("StrictParamPlaces", out.strict_param_places);
    if (f.has("LengthUnit"))
        out.length_unit = f["LengthUnit"].str_matching({"bytes", "characters"}) == "bytes"
                              ? LengthUnit::Bytes
                              : LengthUnit::Characters;
    if (f.has("OddDimensionRounding"))
        out.odd_dimension_rounding = f["OddDimensionRounding"].str_matching({"down", "up"}) == "down"
                                         ? OddRounding::Down
                                         : OddRounding::Up;
    f.get("MaxVideoSolutions", out.max_video_solutions, 1, 100);
}

// "Versions": {"StartWebcast": ["2020-12-01", "2023-11-01"]}: the versions each named action answers.
// The names are checked against the declarations by spec::check_action_names (core/actions/specs.cpp).
void parse_actions(const ConfigField& f, ActionSettings& out) {
    f.only_keys({"Versions"});
    if (!f.has("Versions")) return;
    auto m = f["Versions"];
    m.expect_object();
    for (const auto& action : m.keys()) {
        auto list = m[action.c_str()];
        list.expect_array();
        std::vector<std::string>& versions = out.versions[action];
        for (std::size_t i = 0; i < list.size(); ++i) {
            std::string v = list.at(i).str();
            const bool dated =
                v.size() == 10 && v[4] == '-' && v[7] == '-' && std::all_of(v.begin(), v.end(), [](char c) {
                    return c == '-' || std::isdigit(static_cast<unsigned char>(c));
                });
            if (!dated) list.at(i).fail("must be a version such as 2023-11-01");
            if (std::find(versions.begin(), versions.end(), v) != versions.end())
                list.at(i).fail("repeats version " + v);
            versions.push_back(std::move(v));
        }
    }
}

std::string nonempty(const ConfigField& f) {
    std::string s = f.str();
    if (s.empty()) f.fail("must not be empty");
    return s;
}

void parse_accounts(const ConfigField& f, std::vector<Account>& out) {
    f.expect_array();
    std::set<std::string> ids, keys;
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto a = f.at(i);
        a.only_keys({"AccountId", "AccessKey", "SecretKey", "Disabled"});
        Account acc;
        acc.id = nonempty(a["AccountId"]);
        acc.access_key = nonempty(a["AccessKey"]);
        acc.secret_key = nonempty(a["SecretKey"]);
        a.get("Disabled", acc.disabled);
        if (!ids.insert(acc.id).second) a["AccountId"].fail("duplicate account id " + acc.id);
        if (!keys.insert(acc.access_key).second) a["AccessKey"].fail("duplicate access key");
        out.push_back(std::move(acc));
    }
}

void parse_temporary(const ConfigField& f, std::vector<TemporaryCredential>& out, const Config& cfg) {
    f.expect_array();
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto a = f.at(i);
        a.only_keys({"AccessKey", "SecretKey", "SessionToken", "AccountId", "Expires"});
        TemporaryCredential c;
        c.access_key = nonempty(a["AccessKey"]);
        c.secret_key = nonempty(a["SecretKey"]);
        c.session_token = nonempty(a["SessionToken"]);
        c.account_id = nonempty(a["AccountId"]);
        if (!cfg.account_by_id(c.account_id))
            a["AccountId"].fail("no account " + c.account_id + " in Accounts");
        auto exp = parse_rfc3339(a["Expires"].str());
        if (!exp) a["Expires"].fail("must be an RFC 3339 time such as 2099-01-01T00:00:00Z");
        c.expires_ms = *exp;
        for (const auto& acc : cfg.accounts)
            if (acc.access_key == c.access_key) a["AccessKey"].fail("already the key of account " + acc.id);
        out.push_back(std::move(c));
    }
}

void parse_apps(const ConfigField& f, Config& cfg) {
    f.expect_array();
    std::set<std::string> ids;
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto a = f.at(i);
        a.only_keys({"AppId", "AccountId", "VodEnabled", "CloudRecordingEnabled", "WhiteboardRecordMode",
                     "Callback", "Description"});
        App app;
        app.app_id = nonempty(a["AppId"]);
        app.account_id = nonempty(a["AccountId"]);
        if (!cfg.account_by_id(app.account_id))
            a["AccountId"].fail("no account " + app.account_id + " in Accounts");
        a.get("VodEnabled", app.vod_enabled);
        a.get("CloudRecordingEnabled", app.cloud_recording_enabled);
        if (a.has("WhiteboardRecordMode"))
            app.whiteboard_record_mode =
                *whiteboard_mode_from(a["WhiteboardRecordMode"].str_matching(whiteboard_mode_names()));
        if (a.has("Callback"))
            cfg.app_callbacks.push_back(
                {app.app_id, "", parse_app_callback(a["Callback"].json(), cfg.file, a["Callback"].path())});
        if (!ids.insert(app.app_id).second) a["AppId"].fail("duplicate app id " + app.app_id);
        cfg.apps.push_back(std::move(app));
    }
}

}  // namespace

AppCallback parse_app_callback(const nlohmann::json& j, const std::string& file_name,
                               const std::string& path) {
    ConfigField f(j, path, file_name);
    f.only_keys({"URL", "SecretKey", "Events"});
    AppCallback cb;
    cb.url = f["URL"].str();
    if (cb.url.rfind("http://", 0) != 0 && cb.url.rfind("https://", 0) != 0)
        f["URL"].fail("must start with http:// or https://");
    f.get("SecretKey", cb.secret_key);
    if (f.has("Events")) {
        auto e = f["Events"];
        e.expect_array();
        for (std::size_t i = 0; i < e.size(); ++i) cb.events.push_back(e.at(i).str());
    }
    return cb;
}

const Account* Config::account_by_id(const std::string& id) const {
    for (const auto& a : accounts)
        if (a.id == id) return &a;
    return nullptr;
}

const App* Config::app_by_id(const std::string& id) const {
    for (const auto& a : apps)
        if (a.app_id == id) return &a;
    return nullptr;
}

Config parse_config(const nlohmann::json& doc, const std::string& file_name) {
    Config cfg;
    cfg.file = file_name;
    cfg.raw = doc;
    ConfigField root(cfg.raw, "", cfg.file);
    root.only_keys({"Description", "Service", "Signature", "Errors", "Limits", "RateLimits", "Journal",
                    "Callbacks", "Tasks", "Validation", "Actions", "Accounts", "TemporaryCredentials", "Apps",
                    "Timelines", "Lifecycle", "Pages"});
    if (root.has("Service")) parse_identity(root["Service"], cfg.identity);
    if (root.has("Signature")) parse_signature(root["Signature"], cfg.signature);
    if (root.has("Errors")) parse_errors(root["Errors"], cfg.errors);
    if (root.has("Limits")) parse_limits(root["Limits"], cfg.limits);
    if (root.has("RateLimits")) parse_rate_limits(root["RateLimits"], cfg.rate_limits);
    if (root.has("Journal")) parse_journal(root["Journal"], cfg.journal);
    if (root.has("Callbacks")) parse_callbacks(root["Callbacks"], cfg.callbacks);
    if (root.has("Tasks")) parse_tasks(root["Tasks"], cfg.tasks);
    if (root.has("Validation")) parse_validation(root["Validation"], cfg.validation);
    if (root.has("Actions")) parse_actions(root["Actions"], cfg.actions);
    if (root.has("Lifecycle")) webcast::parse_lifecycle_settings(root["Lifecycle"], cfg.lifecycle);
    if (root.has("Timelines")) webcast::parse_timelines(root["Timelines"], cfg.timelines);
    if (root.has("Pages")) parse_pages_settings(root["Pages"], cfg.pages);
    parse_accounts(root["Accounts"], cfg.accounts);
    if (root.has("TemporaryCredentials"))
        parse_temporary(root["TemporaryCredentials"], cfg.temporary_credentials, cfg);
    if (root.has("Apps")) parse_apps(root["Apps"], cfg);
    check_rate_limit_names(cfg);
    spec::check_action_names(cfg);
    return cfg;
}

Config load_config_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path, "", "cannot open the file");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw ConfigError(path, "", "is not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    return parse_config(doc, path);
}

}  // namespace rtc
