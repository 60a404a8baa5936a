// JSON body validation of every declared action: byte 0 picks the action, the rest is the body (POST), the
// query string (GET), or both (a POST whose fields are in the query string). Invariants: no crash; a failure
// names a reason the error catalogue knows; a success validates again to the same value (defaults and
// normalisation are stable); the JSON reader agrees with nlohmann's.
#include <cstdlib>
#include <string>

#include "core/actions/spec.h"
#include "core/actions/validate.h"
#include "core/errors.h"
#include "core/json/flat_json.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const rtc::Config config = rtc::fuzz::fuzz_config();
    static const rtc::ValidationSettings options = config.validation;
    const auto& specs = rtc::spec::action_specs();
    if (size == 0 || specs.empty()) return 0;
    const rtc::spec::ActionSpec& action = specs[data[0] % specs.size()];
    std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
    // The validator's JSON reader reads exactly what nlohmann::json::parse reads, to the same values.
    std::optional<rtc::FlatJson::Error> flat_error;
    const rtc::FlatJson flat = rtc::FlatJson::parse(input, flat_error);
    std::optional<nlohmann::json> reference;
    try {
        reference = nlohmann::json::parse(input);
    } catch (const nlohmann::json::exception&) {
    }
    if (reference.has_value() == flat_error.has_value()) std::abort();
    if (reference && flat.root().to_json().dump() != reference->dump()) std::abort();
    // A POST whose fields all travel in the query string (DeleteCallback) reads the input as both: its query,
    // and the JSON body its fields may also come from.
    rtc::validation::Outcome out =
        action.method == "GET" ? rtc::validation::validate_query(action, rtc::parse_query(input), options)
        : action.has_body_fields()
            ? rtc::validation::validate_body(action, input, options)
            : rtc::validation::validate_request(action, rtc::parse_query(input), input, options);
    if (!out.ok()) {
        if (!rtc::ErrorCatalog::known_reason(out.error->reason)) std::abort();
        return 0;
    }
    rtc::validation::Outcome again =
        rtc::validation::validate_document(action, out.value.to_json().dump(), options);
    if (!again.ok() || again.value.to_json() != out.value.to_json()) std::abort();
    return 0;
}
