#include "core/errors.h"

#include "core/config_reader.h"

namespace rtc {

namespace {
ErrorDef gw(const char* code, int code_n, int status) {
    return ErrorDef{code, code_n, status};
}
ErrorDef svc(const char* code) {
    return ErrorDef{code, std::nullopt, std::nullopt};
}
}  // namespace

// reason -> default definition. `doc` codes come from docs/service-facts.md §3; which reason maps to which
// code is the mock's choice where docs/service-facts.md says so.
const std::vector<std::pair<std::string, ErrorDef>>& ErrorCatalog::defaults() {
    static const std::vector<std::pair<std::string, ErrorDef>> table = {
        // Gateway: routing.
        {"MissingAction", gw("MissingParameter", 100002, 400)},
        {"MissingVersion", gw("MissingParameter", 100002, 400)},
        {"UnknownActionOrVersion", gw("InvalidActionOrVersion", 100008, 404)},
        {"WrongMethod", gw("InvalidActionOrVersion", 100008, 404)},
        // Gateway: authentication (checked in this order by the verifier).
        {"MissingAuthentication", gw("MissingAuthenticationToken", 100003, 401)},
        {"UnsupportedAuthScheme", gw("MissingAuthenticationToken", 100003, 401)},
        {"MalformedAuthorization", gw("MissingRequestInfo", 100004, 400)},
        {"MissingSignature", gw("MissingSignature", 100005, 401)},
        {"MissingXDate", gw("MissingRequestInfo", 100004, 400)},
        {"InvalidXDate", gw("InvalidTimestamp", 100006, 400)},
        {"XDateOutOfWindow", gw("InvalidTimestamp", 100006, 400)},
        {"PresignExpired", gw("InvalidTimestamp", 100006, 400)},
        {"UnknownAccessKey", gw("InvalidAccessKey", 100009, 401)},
        {"AccountDisabled", gw("AccessDenied", 100013, 403)},
        {"MissingSecurityToken", gw("MissingAuthenticationToken", 100003, 401)},
        {"InvalidSecurityToken", gw("InvalidAccessKey", 100009, 401)},
        {"ExpiredSecurityToken", gw("InvalidAccessKey", 100009, 401)},
        {"WrongService", gw("ServiceNotFound", 100007, 404)},
        {"ScopeMismatch", gw("SignatureDoesNotMatch", 100010, 401)},
        {"XDateNotSigned", gw("MissingRequestInfo", 100004, 400)},
        {"SignedHeaderMissing", gw("MissingRequestInfo", 100004, 400)},
        {"SignedQueryMissing", gw("MissingRequestInfo", 100004, 400)},
        {"ExpiresNotSigned", gw("SignatureDoesNotMatch", 100010, 401)},
        {"UnreadableRequest", gw("MissingRequestInfo", 100004, 400)},
        {"SecurityTokenNotSigned", gw("SignatureDoesNotMatch", 100010, 401)},
        {"ContentHashMismatch", gw("SignatureDoesNotMatch", 100010, 401)},
        {"SignatureMismatch", gw("SignatureDoesNotMatch", 100010, 401)},
        {"InternalError", gw("InternalError", 100014, 500)},
        // The state engine (Redis) does not answer: fail closed, a 5xx the client retries (docs/replicas.md).
        {"StateUnavailable", gw("InternalError", 100014, 503)},
        // Service: request body and parameters.
        {"BodyTooLarge", ErrorDef{"InvalidParameter.BodyTooLarge", std::nullopt, 413}},
        {"BodyIsEmpty", svc("InvalidParameter.BodyIsEmpty")},
        {"Unmarshal", svc("InvalidParameter.Unmarshal")},
        {"InvalidParameter", svc("InvalidParameter")},
        {"IllegalAppId", svc("InvalidParameter.IllegalAppId")},
        {"IllegalRoomId", svc("InvalidParameter.IllegalRoomID")},
        {"NotExistAppId", svc("InvalidParameter.NotExistAppId")},
        {"TaskAlreadyExists", svc("InvalidParameter.TaskAlreadyExists")},
        {"ActiveTaskNotFound", svc("InvalidParameter.ErrorActiveTaskNotFound")},
        // Service: one reason per kind of declared rule (core/actions/validate.cpp), remappable one by one.
        {"MissingField", svc("InvalidParameter")},
        {"WrongFieldType", svc("InvalidParameter")},
        {"FieldOutOfRange", svc("InvalidParameter")},
        {"FieldTooLong", svc("InvalidParameter")},
        {"FieldPatternMismatch", svc("InvalidParameter")},
        {"TooManyItems", svc("InvalidParameter")},
        {"UnknownField", svc("InvalidParameter")},
        {"CallbackAlreadyExists", svc("InvalidParameter.CallbackAlreadyExists")},
        {"CallbackNotFound", svc("InvalidParameter.CallbackNotFound")},
        // Service: console state of the app.
        {"NoPermissionForApp", svc("AccessDenied.NoPermissionForApp")},
        {"VodNotEnabled", svc("AccessDenied.ServiceNotEnabled")},
        {"RecordNotEnabled", svc("AccessDenied.RecordNotEnabled")},
        {"WhiteboardSignalingMode", svc("AccessDenied.RecordNotEnabled")},
        // Service: limits and faults.
        {"Throttled", svc("FlowLimitExceeded.QPSOverLimit")},
        {"ServiceInternalError", svc("InternalError")},
    };
    return table;
}

bool ErrorCatalog::known_reason(const std::string& reason) {
    for (const auto& [key, def] : defaults())
        if (key == reason) return true;
    return false;
}

ErrorCatalog::ErrorCatalog(ErrorsConfig config) : config_(std::move(config)) {
    for (const auto& [key, def] : defaults()) table_[key] = def;
    for (const auto& [key, def] : config_.overrides) table_[key] = def;
}

const ErrorDef& ErrorCatalog::lookup(const std::string& reason) const {
    auto it = table_.find(reason);
    if (it != table_.end()) return it->second;
    return table_.at("InternalError");
}

int ErrorCatalog::http_status(const ErrorDef& def) const {
    if (!def.is_gateway() && config_.service_errors_as_http_200) return 200;
    if (def.http_status) return *def.http_status;
    int status = 400;
    std::size_t best = 0;
    for (const auto& [prefix, s] : config_.service_status_by_prefix) {
        if (def.code.compare(0, prefix.size(), prefix) == 0 && prefix.size() > best) {
            best = prefix.size();
            status = s;
        }
    }
    return status;
}

// ---- the Errors section of the config ----------------------------------------------------------------

namespace {

constexpr std::int64_t kMaxInt = 2147483647;

ErrorDef parse_error_def(const ConfigField& f) {
    f.only_keys({"Code", "CodeN", "HttpStatus"});
    ErrorDef def;
    def.code = f["Code"].str();
    if (f.has("CodeN")) def.code_n = static_cast<int>(f["CodeN"].integer(0, kMaxInt));
    if (f.has("HttpStatus")) def.http_status = static_cast<int>(f["HttpStatus"].integer(200, 599));
    return def;
}

}  // namespace

void parse_errors_settings(const ConfigField& f, ErrorsConfig& out) {
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

}  // namespace rtc
