// The Authorization header parser and the verifier: input line 1 is the Authorization header, line 2 X-Date,
// line 3 the query string, the rest the body. Any outcome but a crash is fine; a failure must name a reason
// the catalogue knows.
#include <cstdlib>
#include <string>

#include "core/errors.h"
#include "core/signing/verifier.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const rtc::Config config = rtc::fuzz::fuzz_config();
    static rtc::VirtualClock clock(rtc::fuzz::kFuzzNow);
    static const rtc::signing::Verifier verifier(config.identity, config.signature, config.accounts,
                                                 config.temporary_credentials, clock);
    std::string rest(reinterpret_cast<const char*>(data), size);
    rtc::ApiRequest req;
    req.method = "POST";
    req.path = "/";
    req.headers.push_back({"Authorization", rtc::fuzz::next_line(rest)});
    req.headers.push_back({"X-Date", rtc::fuzz::next_line(rest)});
    req.headers.push_back({"Host", "127.0.0.1:8080"});
    req.headers.push_back({"Content-Type", "application/json"});
    req.raw_query = rtc::fuzz::next_line(rest);
    req.body = rest;
    rtc::signing::Verdict v = verifier.verify(req, rtc::parse_query(req.raw_query));
    if (!v.ok && !rtc::ErrorCatalog::known_reason(v.error.reason)) std::abort();
    return 0;
}
