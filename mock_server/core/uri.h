// Query strings as the gateway reads them: form-decoding on the way in, RFC 3986 escaping for signing.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rtc {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Percent-decodes; `+` becomes a space (form decoding). Malformed escapes are kept literally.
std::string form_decode(std::string_view s);
// Escapes everything but A-Z a-z 0-9 - _ . ~ as %XX with uppercase hex.
std::string uri_escape(std::string_view s);
void append_uri_escaped(std::string& out, std::string_view s);
// Splits a raw query (no leading '?') into decoded pairs, in received order. `a` alone is ("a","").
QueryParams parse_query(std::string_view raw);
// The canonical query of the signature: escape, stable-sort by key (repeated keys keep their order), join.
std::string canonical_query(const QueryParams& params, bool sort_repeated_values = false);
// The same, appended, over pointers to the pairs that enter it (the verifier picks them without copying);
// `params` is reordered.
using ParamRef = const std::pair<std::string, std::string>*;
void append_canonical_query(std::string& out, std::vector<ParamRef>& params,
                            bool sort_repeated_values = false);
// Encodes pairs for sending, in the canonical form.
std::string encode_query(const QueryParams& params);
// The raw query with the value of every `key` parameter replaced by `***` (tokens never reach logs or the
// journal).
std::string redact_query_param(std::string_view raw, std::string_view key);
// First value of a key, or nullptr.
const std::string* find_param(const QueryParams& params, std::string_view key);

}  // namespace rtc
