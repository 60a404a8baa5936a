// Declarations of the callback configuration actions. Field names follow docs/service-facts.md §5 (`AppID` on
// CreateCallback is documented); the rest of the request shape is the mock's choice (docs/lifecycle.md).
#include "core/actions/spec_sources.h"

namespace rtc::spec {

namespace {

const char* kSource = "docs/service-facts.md §5";

// AppID on the POST actions (documented for CreateCallback); the validator also accepts `AppId`
// (Validation.CaseInsensitiveKeys).
Field callback_app_field(const char* name) {
    return id_field(name).req().error("IllegalAppId").seed("the app whose callback this is");
}

Field url_field() {
    return field("URL", Type::String)
        .max_len(1024)
        .match("https?://.+", "an http:// or https:// URL")
        .choice("where the service POSTs the callbacks");
}

Field secret_field() {
    return field("SecretKey", Type::String)
        .max_len(128)
        .choice("the key the callback Signature is computed with");
}

Field events_field() {
    return field("EventNames", Type::Array)
        .of_strings()
        .items(100)
        .choice("the EventTypes to send (e.g. WebcastStatusChanged); empty = every event");
}

ActionSpec callback_action(const char* name, const char* method, const char* summary,
                           std::vector<Field> fields) {
    ActionSpec a;
    a.name = name;
    a.method = method;
    a.rate_limit = 0;
    a.rate_limit_doc = "not documented: none";
    a.seed = kSource;
    a.summary = summary;
    a.fields = std::move(fields);
    a.rules = {
        "AppID must name an app of the caller's account: unknown -> InvalidParameter.NotExistAppId, "
        "another account's -> AccessDenied.NoPermissionForApp."};
    return a;
}

}  // namespace

const std::vector<ActionSpec>& callback_action_specs() {
    static const std::vector<ActionSpec> specs = {
        callback_action("CreateCallback", "POST", "Sets the app's callback URL, secret key and events.",
                        {callback_app_field("AppID"), events_field(), url_field().req(), secret_field()}),
        callback_action("GetCallback", "GET", "Reads the app's callback settings.",
                        {callback_app_field("AppId")}),
        callback_action("UpdateCallback", "POST", "Changes the given callback settings of the app.",
                        {callback_app_field("AppID"), events_field(), url_field(), secret_field()}),
        callback_action("DeleteCallback", "POST", "Removes the app's callback.",
                        {callback_app_field("AppID")}),
    };
    return specs;
}

}  // namespace rtc::spec
