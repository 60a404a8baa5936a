#include "core/envelope.h"

#include <atomic>
#include <cstdio>
#include <ctime>

#include "core/crypto.h"
#include "core/json/writer.h"

namespace rtc {

// The envelope is written by hand rather than through a JSON tree: it is on every response, and building
// and dumping an ordered_json cost more than the rest of an error answer (bench/README.md). The bytes are
// those nlohmann's dump would give (core/json/writer.h).
namespace {

// ResponseMetadata without its closing brace, ordered as the documentation prints it.
void append_meta(std::string& out, const ResponseMeta& meta) {
    out += R"({"ResponseMetadata":{"RequestId":)";
    append_json_string(out, meta.request_id);
    out += R"(,"Action":)";
    append_json_string(out, meta.action);
    out += R"(,"Version":)";
    append_json_string(out, meta.version);
    out += R"(,"Service":)";
    append_json_string(out, meta.service);
    out += R"(,"Region":)";
    append_json_string(out, meta.region);
}
}  // namespace

std::string success_envelope(const ResponseMeta& meta, const nlohmann::json& result) {
    std::string out;
    out.reserve(192);
    append_meta(out, meta);
    out += R"(},"Result":)";
    if (result.is_string())
        append_json_string(out, result.get_ref<const std::string&>());
    else
        out += result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '}';
    return out;
}

std::string success_envelope_text(const ResponseMeta& meta, std::string_view result_json) {
    std::string out;
    out.reserve(160 + result_json.size());
    append_meta(out, meta);
    out += R"(},"Result":)";
    out += result_json;
    out += '}';
    return out;
}

std::string error_envelope(const ResponseMeta& meta, const ErrorDef& def, std::string_view message) {
    std::string out;
    out.reserve(256 + message.size());
    append_meta(out, meta);
    out += R"(,"Error":{)";
    if (def.code_n) {
        out += R"("CodeN":)";
        out += std::to_string(*def.code_n);
        out += ',';
    }
    out += R"("Code":)";
    append_json_string(out, def.code);
    out += R"(,"Message":)";
    append_json_string(out, message);
    out += "}}}";
    return out;
}

std::string new_request_id(long long now_ms) {
    static const std::string process_tag = to_hex(random_bytes(4));
    static std::atomic<unsigned long long> counter{0};
    // One request id per request: the date part is formatted once per second per thread, the rest by hand
    // (gmtime_r + snprintf cost more than the whole signature check's string building).
    thread_local std::time_t cached_secs = -1;
    thread_local char date[32];  // 14 digits used; room for what the compiler cannot rule out
    const std::time_t secs = static_cast<std::time_t>(now_ms / 1000);
    if (secs != cached_secs) {
        std::tm tm{};
        gmtime_r(&secs, &tm);
        std::snprintf(date, sizeof(date), "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cached_secs = secs;
    }
    unsigned long long n = counter.fetch_add(1, std::memory_order_relaxed);
    std::string id;
    id.reserve(14 + process_tag.size() + 16);
    id.append(date, 14).append(process_tag);
    char hex[16];
    int len = 0;
    do {  // at least ten digits, as %010llX
        hex[len++] = "0123456789ABCDEF"[n & 0xF];
        n >>= 4;
    } while (n != 0 || len < 10);
    while (len > 0) id.push_back(hex[--len]);
    return id;
}

}  // namespace rtc
