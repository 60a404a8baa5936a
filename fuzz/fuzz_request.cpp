// A whole request through the pipeline (route, verify, limit, validate, act, journal). Input: byte 0 bit 0
// chooses whether the harness signs the request properly (so the fuzzer reaches validation and the handlers),
// bits 1-7 how many 10-second steps the clock runs afterwards (lifecycle timers and callbacks of a fuzzed
// task fire); line 1 is `METHOD QUERY`, then header lines `Name: value` up to an empty line, then the body.
// Invariants: no crash; the answer is a JSON envelope; input errors are never 5xx.
//
// Each input gets a fresh service: state carried between inputs made runs irreproducible, and the tasks it
// piled up made libFuzzer's leak check scan an ever larger heap (139 executions/s after 30 s).
#include <cstdlib>
#include <string>

#include "core/signing/signer.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const rtc::Config config = rtc::fuzz::fuzz_config();
    if (size == 0) return 0;
    auto clock = std::make_shared<rtc::VirtualClock>(rtc::fuzz::kFuzzNow);
    rtc::ServiceDeps deps;
    deps.clock = clock;
    rtc::MockService service(config, std::move(deps));
    const bool sign = data[0] & 1;
    std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string first = rtc::fuzz::next_line(rest);
    auto space = first.find(' ');
    rtc::ApiRequest req;
    req.method = first.substr(0, space);
    req.path = "/";
    req.raw_query = space == std::string::npos ? "" : first.substr(space + 1);
    req.remote_addr = "127.0.0.1";
    for (;;) {
        if (rest.empty()) break;
        std::string line = rtc::fuzz::next_line(rest);
        if (line.empty()) break;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        req.headers.push_back({line.substr(0, colon), rtc::trim(line.substr(colon + 1))});
    }
    req.body = rest;
    if (sign) {
        rtc::signing::OutgoingRequest out;
        out.method = req.method;
        out.host = "127.0.0.1:8080";
        out.query = rtc::parse_query(req.raw_query);
        out.body = req.body;
        auto signed_out =
            rtc::signing::sign_headers(out, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, clock->now_ms());
        req.headers = signed_out.headers;
        req.raw_query = signed_out.query;
    }
    rtc::ApiResponse resp = service.handle(req);
    auto body = nlohmann::json::parse(resp.body, nullptr, false);
    if (body.is_discarded() || !body.contains("ResponseMetadata")) std::abort();
    // No fault rules are set, so nothing the client sends may be answered as a server error.
    if (resp.status >= 500) std::abort();
    const int steps = data[0] >> 1;
    for (int i = 0; i < steps; ++i) service.admin().advance_clock(10);
    return 0;
}
