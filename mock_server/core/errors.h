// Every error the mock can answer, declared once. Handlers fail with a *reason* (a stable symbolic key);
// the catalogue maps it to the documented Code / CodeN / HTTP status. The config file can remap any reason
// (Errors.Overrides), since most of these mappings are choices where the real service is undocumented.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/errors_settings.h"

namespace rtc {

// A failure raised anywhere in the pipeline. `message` must never contain a secret.
struct ApiError {
    std::string reason;
    std::string message;
};

class ErrorCatalog {
  public:
    explicit ErrorCatalog(ErrorsConfig config = {});
    // The definition of a reason; an unknown reason is a programming error and maps to InternalError.
    const ErrorDef& lookup(const std::string& reason) const;
    // The HTTP status a failure is sent with, after the HTTP-200 switch.
    int http_status(const ErrorDef& def) const;
    static const std::vector<std::pair<std::string, ErrorDef>>& defaults();
    static bool known_reason(const std::string& reason);

  private:
    ErrorsConfig config_;
    std::map<std::string, ErrorDef> table_;
};

}  // namespace rtc
