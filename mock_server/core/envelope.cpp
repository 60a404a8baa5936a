#include "core/envelope.h"

#include <atomic>
#include <cstdio>
#include <ctime>

#include "core/crypto.h"

namespace rtc {

namespace {
// Ordered as the documentation prints it.
nlohmann::ordered_json meta_json(const ResponseMeta& meta) {
    return nlohmann::ordered_json{{"RequestId", meta.request_id},
                                  {"Action", meta.action},
                                  {"Version", meta.version},
                                  {"Service", meta.service},
                                  {"Region", meta.region}};
}
// Invalid UTF-8 from a client must not turn an error answer into an exception.
std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

std::string success_envelope(const ResponseMeta& meta, const nlohmann::json& result) {
    nlohmann::ordered_json body{{"ResponseMetadata", meta_json(meta)}, {"Result", result}};
    return dump(body);
}

std::string error_envelope(const ResponseMeta& meta, const ErrorDef& def, std::string_view message) {
    nlohmann::ordered_json err;
    if (def.code_n) err["CodeN"] = *def.code_n;
    err["Code"] = def.code;
    err["Message"] = std::string(message);
    nlohmann::ordered_json md = meta_json(meta);
    md["Error"] = std::move(err);
    return dump(nlohmann::ordered_json{{"ResponseMetadata", std::move(md)}});
}

std::string new_request_id(long long now_ms) {
    static const std::string process_tag = to_hex(random_bytes(4));
    static std::atomic<unsigned long long> counter{0};
    std::time_t secs = static_cast<std::time_t>(now_ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[128];
    std::snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02d%s%010llX", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, process_tag.c_str(),
                  counter.fetch_add(1, std::memory_order_relaxed));
    return buf;
}

}  // namespace rtc
