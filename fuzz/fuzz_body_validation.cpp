// JSON body validation of every declared action: byte 0 picks the action, the rest is the body (POST) or the
// query string (GET). Invariants: no crash; a failure names a reason the error catalogue knows; a success
// validates again to the same value (defaults and normalisation are stable).
#include <cstdlib>
#include <string>

#include "core/actions/spec.h"
#include "core/actions/validate.h"
#include "core/errors.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const rtc::Config config = rtc::fuzz::fuzz_config();
    static const rtc::validation::Options options = rtc::validation::options_from(config);
    const auto& specs = rtc::spec::action_specs();
    if (size == 0 || specs.empty()) return 0;
    const rtc::spec::ActionSpec& action = specs[data[0] % specs.size()];
    std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
    rtc::validation::Outcome out =
        action.method == "GET" ? rtc::validation::validate_query(action, rtc::parse_query(input), options)
                               : rtc::validation::validate_body(action, input, options);
    if (!out.ok()) {
        if (!rtc::ErrorCatalog::known_reason(out.error->reason)) std::abort();
        return 0;
    }
    rtc::validation::Outcome again = rtc::validation::validate_object(action, out.value, options);
    if (!again.ok() || again.value != out.value) std::abort();
    return 0;
}
