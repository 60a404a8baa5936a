// JSON in one place. nlohmann::json is the reference: what it accepts, how its DOM orders an object's members
// (byte order of the names, a repeated name keeping its last value), the bytes its dump() writes. The request
// path cannot afford a DOM per request, so three pieces here do its work by hand, each held to nlohmann by
// tests that compare the two on the same input:
//   - FlatJson (flat_json.h), the reader of request bodies and query strings: tests/unit/flat_json_test.cpp,
//     and the fuzz target fuzz/fuzz_body_validation.cpp, which checks every input against nlohmann's parser;
//   - Params (params.h), the validated parameters the validator writes and the handlers read, readable as an
//     nlohmann document (Params::to_json) for the admin API and the tests: tests/unit/validate_test.cpp;
//   - the writer (writer.h), objects described once and written as text or as an nlohmann document: the
//     envelope (tests/unit/envelope_bytes_test.cpp) and GetWebCastTask's WebCastTask object
//     (tests/unit/webcast_task_json_test.cpp).
// Everything off the request path (the config file, the admin API's documents) uses nlohmann::json itself.
#pragma once

#include "core/json/flat_json.h"
#include "core/json/params.h"
#include "core/json/writer.h"
