// Query parsing and canonicalisation: no crash, and escaping round-trips (decode(encode(p)) == p).
#include <cstdlib>
#include <string>

#include "core/uri.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string raw(reinterpret_cast<const char*>(data), size);
    rtc::QueryParams params = rtc::parse_query(raw);
    std::string canonical = rtc::canonical_query(params);
    rtc::QueryParams again = rtc::parse_query(canonical);
    // Canonical order differs from received order, so compare as sorted multisets via a second
    // canonicalisation.
    if (rtc::canonical_query(again) != canonical) std::abort();
    std::string escaped = rtc::uri_escape(raw);
    if (rtc::form_decode(escaped) != raw) std::abort();
    return 0;
}
