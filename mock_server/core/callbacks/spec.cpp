// Declarations of the callback configuration actions, shaped as the official Go SDK sends them
// (docs/service-facts.md §5 [Go]; the exact requests are in fixtures/sdk-shapes/): every body field is always
// sent, unset ones as "" and null; the list of events is `EventList`; UpdateCallback spells `BusinessID`;
// DeleteCallback's parameters travel in the query string. The earlier spellings of the mock (`EventNames`,
// DeleteCallback's `{"AppID"}` body) stay accepted as aliases.
#include "core/actions/spec_sources.h"

namespace rtc::spec {

namespace {

const char* kSource = "docs/service-facts.md §5 (the Go SDK's request models)";

Field callback_app_field(const char* name, const char* go_field) {
    return id_field(name).req().error("IllegalAppId").seed(go_field);
}

// "" (what the Go SDK sends when it is unset) is the app's default setting.
Field business_field(const char* name, const char* go_field) {
    return id_field(name).empty_absent().seed(go_field).choice(
        "the setting's key with the AppId; \"\" or absent = the app's default setting");
}

Field url_field(const char* go_field) {
    return field("URL", Type::String)
        .max_len(1024)
        .match("https?://.+", "an http:// or https:// URL")
        .seed(go_field)
        .choice("where the service POSTs the callbacks");
}

Field secret_field(const char* go_field) {
    return field("SecretKey", Type::String)
        .max_len(128)
        .seed(go_field)
        .choice("the key the callback Signature is computed with");
}

Field events_field(const char* go_field) {
    return field("EventList", Type::Array)
        .of_strings()
        .items(100)
        .alias("EventNames")
        .seed(go_field)
        .choice(
            "the EventTypes to send (e.g. WebcastStatusChanged); null, absent or [] = every event; "
            "`EventNames` (the mock's earlier name) accepted");
}

ActionSpec callback_action(const char* name, const char* method, const char* summary,
                           std::vector<Field> fields, std::vector<std::string> rules) {
    ActionSpec a;
    a.name = name;
    a.method = method;
    a.rate_limit = 0;
    a.rate_limit_doc = "not documented: none";
    a.seed = kSource;
    a.summary = summary;
    a.fields = std::move(fields);
    a.rules = {
        "The app must be one of the caller's account: unknown -> InvalidParameter.NotExistAppId, another "
        "account's -> AccessDenied.NoPermissionForApp."};
    for (auto& r : rules) a.rules.push_back(std::move(r));
    return a;
}

const char* kNotFound =
    "No setting with this AppId + BusinessId -> InvalidParameter.CallbackNotFound (a choice; "
    "Errors.Overrides, "
    "reason CallbackNotFound).";
const char* kChanged =
    "Result: the string Callbacks.ChangedResult, \"ok\" (a choice: a string, value not published).";

}  // namespace

const std::vector<ActionSpec>& callback_action_specs() {
    static const std::vector<ActionSpec> specs = {
        callback_action(
            "CreateCallback", "POST", "Sets a callback of the app (its default one, or a BusinessId's).",
            {callback_app_field("AppID", "CreateCallbackBody.AppID `json:\"AppID\"`"),
             business_field("BusinessId", "CreateCallbackBody.BusinessID `json:\"BusinessId\"`"),
             events_field("CreateCallbackBody.EventList `json:\"EventList\"` []string"),
             secret_field("CreateCallbackBody.SecretKey `json:\"SecretKey\"`"),
             url_field("CreateCallbackBody.URL `json:\"URL\"`").req()},
            {"A setting with this AppID + BusinessId already exists -> "
             "InvalidParameter.CallbackAlreadyExists "
             "(a choice; Errors.Overrides, reason CallbackAlreadyExists); another BusinessId of the same app "
             "is a setting of its own.",
             kChanged}),
        callback_action(
            "GetCallback", "GET", "Lists the app's callback settings.",
            {callback_app_field("AppId", "GetCallbackQuery.AppID `query:\"AppId\"`")},
            {"Result = {\"Callbacks\": [{AccountId, AppId, BusinessId, CreatedAt, EventList, Region, "
             "SecretKey, "
             "URL, UpdatedAt}]}, the default setting first, then by BusinessId; CreatedAt and UpdatedAt in "
             "RFC "
             "3339 UTC (a choice). Never an EventList array at the top level (the Go model types it as a "
             "string there).",
             "With Callbacks.GetCallbackTopLevel (on), the first setting's AccountId, AppId, BusinessId, "
             "CreatedAt, Region, SecretKey, URL and UpdatedAt are also at the top level of Result, as "
             "strings, "
             "with its events as EventNames (the mock's earlier shape).",
             "An app without any setting -> InvalidParameter.CallbackNotFound (a choice)."}),
        callback_action(
            "UpdateCallback", "POST", "Changes a callback setting of the app.",
            {callback_app_field("AppID", "UpdateCallbackBody.AppID `json:\"AppID\"`"),
             business_field("BusinessID", "UpdateCallbackBody.BusinessID `json:\"BusinessID\"` (capital D)")
                 .alias("BusinessId"),
             events_field("UpdateCallbackBody.EventList `json:\"EventList\"` []string"),
             secret_field("UpdateCallbackBody.SecretKey `json:\"SecretKey\"`").empty_absent(),
             url_field("UpdateCallbackBody.URL `json:\"URL\"`").empty_absent()},
            {"The Go SDK sends every field every time. With Callbacks.UpdateEmptyMeansUnchanged (on, a "
             "choice) "
             "\"\" and null leave a field as it was and [] means every event; off, the setting is replaced "
             "whole (URL then required).",
             kNotFound, kChanged}),
        callback_action(
            "DeleteCallback", "POST", "Removes a callback setting of the app.",
            {callback_app_field("AppId", "DeleteCallbackQuery.AppID `query:\"AppId\"`")
                 .in_query()
                 .alias("AppID"),
             business_field("BusinessId", "DeleteCallbackQuery.BusinessID `query:\"BusinessId\"` (optional)")
                 .in_query()},
            {"Parameters in the query string with an empty body, as the Go SDK sends them. The body "
             "{\"AppID\": ...} (the mock's earlier form) is read too unless Validation.StrictParamPlaces.",
             kNotFound, kChanged}),
    };
    return specs;
}

}  // namespace rtc::spec
