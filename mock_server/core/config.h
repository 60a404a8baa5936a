// The configuration file: the fixture (accounts, credentials, apps and their console state) and every
// setting where the mock's behaviour is a *choice* (docs/service-facts.md marks each and names its setting).
// Loaded once, checked field by field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/errors.h"
#include "core/pages_config.h"
#include "core/webcast/lifecycle_config.h"

namespace rtc {

struct Account {
    std::string id;
    std::string access_key;
    std::string secret_key;
    bool disabled = false;  // requests signed with its keys get AccessDenied (100013)
};

// STS credentials: a key pair that needs X-Security-Token, valid until `expires_ms`.
struct TemporaryCredential {
    std::string access_key;
    std::string secret_key;
    std::string session_token;
    std::string account_id;
    TimeMs expires_ms = 0;
};

// One callback setting of the console (or of CreateCallback): where an app's task events go.
struct AppCallback {
    std::string url;
    std::string secret_key;
    std::vector<std::string> events;  // empty: every event
};

// A callback setting of the fixture: the app's default one (BusinessId "") from `Apps[].Callback`.
struct CallbackFixture {
    std::string app_id;
    std::string business_id;
    AppCallback callback;
};

// How the console's whiteboard recording page is set up (StartWBRecord's precondition).
enum class WhiteboardMode { Video, Signaling, None };
const char* to_string(WhiteboardMode mode);
std::optional<WhiteboardMode> whiteboard_mode_from(std::string_view name);
std::vector<std::string> whiteboard_mode_names();

// What the console says about an app.
struct App {
    std::string app_id;
    std::string account_id;
    bool vod_enabled = true;
    bool cloud_recording_enabled = true;
    WhiteboardMode whiteboard_record_mode = WhiteboardMode::Video;
};

struct ServiceIdentity {
    std::string service = "rtc";
    std::string region = "cn-north-1";
    std::string version = "2020-12-01";
};

struct SignatureConfig {
    std::int64_t max_skew_seconds = 900;
    std::int64_t default_presign_expires_seconds = 900;
    bool require_x_date_signed = true;
    bool diagnostics_in_message =
        false;  // put the server's canonical request / string to sign in the Message
    // Also accept the Node SDK's canonical forms when the documented form does not match (docs/signing.md):
    bool accept_sorted_repeated_values = true;       // a repeated query key's values signed sorted
    bool accept_collapsed_header_whitespace = true;  // inner whitespace runs of a header value collapsed
};

struct ServerLimits {
    std::size_t max_body_bytes = 1 << 20;
};

struct RateLimitConfig {
    bool enabled = true;
    std::int64_t window_ms = 1000;
    std::int64_t min_retry_after_seconds = 1;
    std::map<std::string, int> actions;  // action -> limit (0 = off); overrides the declaration
    std::map<std::string, std::map<std::string, int>>
        accounts;  // account -> action -> limit ("*" = every action)
};

struct JournalConfig {
    std::size_t capacity = 10000;
    std::size_t max_body_bytes = 4096;  // request bodies kept per entry, truncated beyond
};

struct CallbackSettings {
    std::int64_t timeout_ms = 5000;
    std::vector<std::int64_t> retry_delays_ms = {1000, 2000};
    std::string event_type = "WebcastStatusChanged";
    std::string version = "2020-12-01";
    int end_status = 2;
    std::size_t max_concurrent_sends = 512;  // the dispatcher's worker cap (workers come and go with load)
    std::size_t journal_capacity = 10000;    // delivery attempts kept for GET /_mock/callbacks
    std::int64_t shutdown_flush_ms = 3000;   // how long shutdown waits for deliveries in flight
    bool tls_verify = false;  // check HTTPS receivers' certificates (off: self-signed dev certs)
    // The callback actions (docs/service-facts.md §5, choices where nothing is published):
    // UpdateCallback: "" and null leave a field as it was (true) or the setting is replaced whole (false).
    bool update_empty_means_unchanged = true;
    // The string Result of CreateCallback, UpdateCallback and DeleteCallback.
    std::string changed_result = "ok";
    // GetCallback's Result also carries the first setting's scalar fields at its top level (the Go model
    // declares them there, as strings) and its event list as `EventNames` (the mock's earlier shape).
    bool get_callback_top_level = true;
};

struct TaskSettings {
    std::int64_t query_window_hours = 72;
    // Result of a Start* call for a task that is already running (docs/service-facts.md §4, 2023 docs).
    std::string already_started_result =
        "The task has been started. Please do not call the startup task interface repeatedly";
    // The same for StartWBRecord, where the text is not published (a choice): unset = AlreadyStartedResult.
    std::optional<std::string> wb_record_already_started_result;
    bool restart_ended_tasks = true;  // false: starting an ended task again is TaskAlreadyExists
    // Ended tasks kept for GetWebCastTask, oldest forgotten first (0 = keep all): flat memory under load.
    std::size_t max_ended_tasks = 100000;
    // Task steps kept for the task timelines (all tasks share one ring, oldest forgotten first).
    std::size_t event_log_capacity = 20000;
};

enum class OddRounding { Down, Up };          // 1279 -> 1278, or 1279 -> 1280
enum class LengthUnit { Bytes, Characters };  // UTF-8 bytes, or code points

struct ValidationSettings {
    OddRounding odd_dimension_rounding = OddRounding::Down;
    int max_video_solutions = 2;
    bool check_range_before_rounding = true;     // 1921 rejected (true) or rounded to 1920 first (false)
    bool case_insensitive_keys = true;           // body keys match declarations case-insensitively (Go)
    bool reject_unknown_fields = false;          // the real service ignores them; the journal notes them
    LengthUnit length_unit = LengthUnit::Bytes;  // what max_length counts
    bool strict_param_places = false;  // a field only where declared (off: DeleteCallback's body form too)
};

// Which versions each action is served at, beyond its declaration (docs/service-facts.md §6).
struct ActionSettings {
    // Action -> the versions it answers (replaces the declared list; empty = not served at all).
    std::map<std::string, std::vector<std::string>> versions;
};

struct Config {
    std::string file;  // where it was loaded from (for messages)
    ServiceIdentity identity;
    SignatureConfig signature;
    ErrorsConfig errors;
    ServerLimits limits;
    RateLimitConfig rate_limits;
    JournalConfig journal;
    CallbackSettings callbacks;
    TaskSettings tasks;
    ValidationSettings validation;
    ActionSettings actions;
    webcast::LifecycleSettings lifecycle;
    std::vector<webcast::Timeline> timelines;
    PagesSettings pages;
    std::vector<Account> accounts;
    std::vector<TemporaryCredential> temporary_credentials;
    std::vector<App> apps;
    std::vector<CallbackFixture> app_callbacks;
    nlohmann::json raw;  // the whole document, for sections other modules read themselves (e.g. timelines)

    const Account* account_by_id(const std::string& id) const;
    const App* app_by_id(const std::string& id) const;
};

// Throws ConfigError ("file: field: problem").
Config load_config_file(const std::string& path);
Config parse_config(const nlohmann::json& doc, const std::string& file_name);
AppCallback parse_app_callback(const nlohmann::json& j, const std::string& file_name,
                               const std::string& path);

}  // namespace rtc
