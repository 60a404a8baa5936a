// Settings of the error answers (config section `Errors`): how a failure's reason maps to Code, CodeN and
// HTTP status where the mock's mapping is a choice (docs/service-facts.md §3). Data only.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace rtc {

class ConfigField;

struct ErrorDef {
    std::string code;                // e.g. "SignatureDoesNotMatch", "InvalidParameter.IllegalAppId"
    std::optional<int> code_n;       // gateway errors only
    std::optional<int> http_status;  // unset: derived from the code prefix (service errors)
    bool is_gateway() const { return code_n.has_value(); }
};

struct ErrorsConfig {
    // Service errors (no CodeN) answered as HTTP 200 + Error instead of their 4xx/5xx status.
    bool service_errors_as_http_200 = false;
    // HTTP status of service errors by Code prefix (the longest matching prefix wins).
    std::map<std::string, int> service_status_by_prefix = {
        {"InvalidParameter", 400}, {"AccessDenied", 403}, {"FlowLimitExceeded", 429}, {"InternalError", 500}};
    std::map<std::string, ErrorDef> overrides;  // reason -> definition
};

// Overrides name reasons of the error catalogue; defined beside the catalogue (errors.cpp).
void parse_errors_settings(const ConfigField& f, ErrorsConfig& out);

}  // namespace rtc
