// The hand-written envelope must give exactly the bytes a JSON library would: checked against nlohmann's
// ordered dump on values that need escaping, replacement of invalid UTF-8, non-ASCII text and nested results.
#include <catch2/catch.hpp>

#include "core/envelope.h"
#include "core/errors.h"

using namespace rtc;

namespace {
nlohmann::ordered_json meta_json(const ResponseMeta& m) {
    return {{"RequestId", m.request_id},
            {"Action", m.action},
            {"Version", m.version},
            {"Service", m.service},
            {"Region", m.region}};
}
std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
const std::vector<std::string> kAwkward = {"plain",
                                           "",
                                           "quote \" and backslash \\",
                                           "controls \n\t\r\b\f \x01\x1f",
                                           "中文 and é",
                                           std::string("invalid \xff\xfe UTF-8"),
                                           "</script>"};
}  // namespace

TEST_CASE("error envelopes are byte for byte what a JSON serialiser gives, for awkward text", "[envelope]") {
    ErrorCatalog cat;
    for (const char* reason : {"SignatureMismatch", "IllegalAppId", "InvalidParameter"}) {
        const ErrorDef& def = cat.lookup(reason);
        for (const auto& text : kAwkward) {
            ResponseMeta m{"rid-" + text, text, "2020-12-01", "rtc", "cn-north-1"};
            nlohmann::ordered_json err;
            if (def.code_n) err["CodeN"] = *def.code_n;
            err["Code"] = def.code;
            err["Message"] = text;
            nlohmann::ordered_json md = meta_json(m);
            md["Error"] = err;
            CHECK(error_envelope(m, def, text) == dump(nlohmann::ordered_json{{"ResponseMetadata", md}}));
        }
    }
}

TEST_CASE("success envelopes are byte for byte what a JSON serialiser gives, for strings and objects",
          "[envelope]") {
    std::vector<nlohmann::json> results = {"ok", nlohmann::json::object(), nlohmann::json::array({1, "a"})};
    for (const auto& text : kAwkward) results.push_back(text);
    results.push_back({{"WebCastTask", {{"Status", 2}, {"UserId", "u\"1"}, {"B", nullptr}, {"A", 1.5}}}});
    for (const auto& r : results) {
        ResponseMeta m{"rid", "GetWebCastTask", "2020-12-01", "rtc", "cn-north-1"};
        CHECK(success_envelope(m, r) ==
              dump(nlohmann::ordered_json{{"ResponseMetadata", meta_json(m)}, {"Result", r}}));
    }
}
