// Declarations of the callback configuration actions. Field names follow API.md section 5 (`AppID` on
// CreateCallback is documented); the rest of the request shape is the mock's choice (docs/lifecycle.md).
#include "core/actions/spec.h"
#include "core/callbacks/callback_actions.h"

namespace rtc::spec {

namespace {

const char* kIdPattern = "[a-zA-Z0-9_@\\-\\.]{1,128}";

Field app_id_field(const char* name) {
    Field f;
    f.name = name;
    f.required = true;
    f.max_length = 128;
    f.pattern = kIdPattern;
    f.pattern_text = "[a-zA-Z0-9_@-.]{1,128}";
    f.doc = "the app whose callback this is (AppId is accepted too)";
    return f;
}

Field url_field(bool required) {
    Field f;
    f.name = "URL";
    f.required = required;
    f.max_length = 1024;
    f.pattern = "https?://.+";
    f.pattern_text = "http:// or https:// URL";
    f.doc = "where the service POSTs the callbacks";
    return f;
}

Field secret_field() {
    Field f;
    f.name = "SecretKey";
    f.max_length = 128;
    f.doc = "the key the callback Signature is computed with";
    return f;
}

Field events_field(bool required) {
    Field f;
    f.name = "EventNames";
    f.type = Type::Array;
    f.required = required;
    f.max_items = 100;
    f.doc = "the EventTypes to send (e.g. WebcastStatusChanged); empty = every event";
    return f;
}

}  // namespace

const std::vector<ActionSpec>& callback_action_specs() {
    static const std::vector<ActionSpec> specs = {
        {"CreateCallback",
         "2020-12-01",
         "POST",
         0,
         "not documented: none",
         "API.md section 5",
         {app_id_field("AppID"), events_field(false), url_field(true), secret_field()}},
        {"GetCallback",
         "2020-12-01",
         "GET",
         0,
         "not documented: none",
         "API.md section 5",
         {app_id_field("AppId")}},
        {"UpdateCallback",
         "2020-12-01",
         "POST",
         0,
         "not documented: none",
         "API.md section 5",
         {app_id_field("AppID"), events_field(false), url_field(false), secret_field()}},
        {"DeleteCallback",
         "2020-12-01",
         "POST",
         0,
         "not documented: none",
         "API.md section 5",
         {app_id_field("AppID")}},
    };
    return specs;
}

}  // namespace rtc::spec
