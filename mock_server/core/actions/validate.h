// The one validator: walks an action's declaration (core/actions/spec.h) over a JSON body or a query string,
// returns the first violation (Message names the field path as the client sent it and the rule broken),
// fills defaults, normalises (even dimensions), and collects the fields the declaration does not know.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actions/settings.h"
#include "core/actions/spec.h"
#include "core/errors.h"
#include "core/json/params.h"
#include "core/uri.h"

namespace rtc::validation {

struct Outcome {
    std::optional<ApiError> error;            // the first violation, or none
    Params value;                             // canonical field names, defaults filled in, normalised
    std::vector<std::string> unknown_fields;  // paths as sent ("Foo", "VideoSolutions[0].Bar", "?Extra")
    bool ok() const { return !error.has_value(); }
};

// A request: each field read from where its declaration places it (spec::ActionSpec::place_of): the decoded
// query (Action, Version and X-* signing parameters are not the action's) or the raw JSON body. When a field
// travels in the body: empty -> BodyIsEmpty; not JSON or not an object -> Unmarshal. A POST action's query
// parameters it does not declare are noted as unknown ("?Extra").
Outcome validate_request(const spec::ActionSpec& action, const QueryParams& query, std::string_view body,
                         const ValidationSettings& opt);
// The same with no query (POST) or no body (GET).
Outcome validate_body(const spec::ActionSpec& action, std::string_view body, const ValidationSettings& opt);
Outcome validate_query(const spec::ActionSpec& action, const QueryParams& query,
                       const ValidationSettings& opt);
// The action's parameters as one JSON object, wherever each travels in a request, every value read as JSON
// (what a validated request's Params::to_json() dumps to): the fuzz target and the tests validate a result
// again with it. Throws std::invalid_argument when `json` is not a JSON object.
Outcome validate_document(const spec::ActionSpec& action, std::string_view json,
                          const ValidationSettings& opt);

// True for the query parameters that belong to the gateway, not to the action.
bool is_gateway_param(const std::string& key);

}  // namespace rtc::validation
