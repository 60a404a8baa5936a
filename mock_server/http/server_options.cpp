#include "http/server_options.h"

#include <cstdio>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/enum_names.h"
#include "core/timefmt.h"

namespace rtc {

namespace {
constexpr EnumName<LogFormat> kLogFormats[] = {{LogFormat::Text, "text"}, {LogFormat::Json, "json"}};
}  // namespace

std::optional<LogFormat> log_format_from(const std::string& name) {
    return value_of(kLogFormats, name);
}

void log_event(const ServerOptions& options, const std::string& level, const std::string& message) {
    static std::mutex mu;
    std::string line;
    if (options.log_format == LogFormat::Json) {
        line = nlohmann::json{{"time", format_rfc3339(system_now_ms())}, {"level", level}, {"msg", message}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        line = format_rfc3339(system_now_ms()) + " " + level + " " + message;
    }
    std::lock_guard<std::mutex> lock(mu);
    std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace rtc
