#include "core/errors_settings.h"

#include "core/config_reader.h"
#include "core/errors.h"

namespace rtc {

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
