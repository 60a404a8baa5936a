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

namespace {
std::mutex log_mu;
// Set once the listening line is out: JSON lines may follow it on stdout, never precede it.
bool stdout_announced = false;
}  // namespace

void announce_listening(const std::string& url) {
    std::lock_guard<std::mutex> lock(log_mu);
    std::printf("listening on %s\n", url.c_str());
    std::fflush(stdout);
    stdout_announced = true;
}

void log_event(const ServerOptions& options, const std::string& level, const std::string& message) {
    std::string line;
    if (options.log_format == LogFormat::Json) {
        line = nlohmann::json{{"time", format_rfc3339(system_now_ms())}, {"level", level}, {"msg", message}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        line = format_rfc3339(system_now_ms()) + " " + level + " " + message;
    }
    std::lock_guard<std::mutex> lock(log_mu);
    // JSON lines are for a collector, which reads stdout (`docker logs`, a CI's service log); text is for a
    // person, on stderr, so a script that reads stdout sees only the listening line.
    std::FILE* out = options.log_format == LogFormat::Json && stdout_announced ? stdout : stderr;
    std::fprintf(out, "%s\n", line.c_str());
    std::fflush(out);
}

}  // namespace rtc
