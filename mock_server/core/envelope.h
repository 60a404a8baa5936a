// The one place that builds response bodies, success and error, in the documented envelope.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/errors.h"

namespace rtc {

struct ResponseMeta {
    std::string request_id;
    std::string action;
    std::string version;
    std::string service;
    std::string region;
};

std::string success_envelope(const ResponseMeta& meta, const nlohmann::json& result);
// The same with Result already written as JSON text (an answer written by hand on a hot path).
std::string success_envelope_text(const ResponseMeta& meta, std::string_view result_json);
std::string error_envelope(const ResponseMeta& meta, const ErrorDef& def, std::string_view message);

// Unique, sortable request ids: the UTC timestamp then a process-unique counter and random suffix.
std::string new_request_id(long long now_ms);

}  // namespace rtc
