#include <catch2/catch.hpp>

#include <cctype>
#include <set>

#include "core/envelope.h"
#include "core/errors.h"

using namespace rtc;

namespace {
ResponseMeta meta() {
    return ResponseMeta{"rid", "StartWebcast", "2020-12-01", "rtc", "cn-north-1"};
}
}  // namespace

TEST_CASE("a success envelope carries ResponseMetadata in the documented order and Result", "[envelope]") {
    std::string body = success_envelope(meta(), "ok");
    REQUIRE(body ==
            R"({"ResponseMetadata":{"RequestId":"rid","Action":"StartWebcast","Version":"2020-12-01",)"
            R"("Service":"rtc","Region":"cn-north-1"},"Result":"ok"})");
}

TEST_CASE("an error envelope has Error with CodeN for gateway errors and no Result", "[envelope]") {
    ErrorCatalog cat;
    auto j = nlohmann::json::parse(error_envelope(meta(), cat.lookup("SignatureMismatch"), "bad"));
    REQUIRE_FALSE(j.contains("Result"));
    auto err = j["ResponseMetadata"]["Error"];
    REQUIRE(err["Code"] == "SignatureDoesNotMatch");
    REQUIRE(err["CodeN"] == 100010);
    REQUIRE(err["Message"] == "bad");
}

TEST_CASE("service errors have no CodeN", "[envelope]") {
    ErrorCatalog cat;
    auto j = nlohmann::json::parse(error_envelope(meta(), cat.lookup("IllegalAppId"), "x"));
    REQUIRE_FALSE(j["ResponseMetadata"]["Error"].contains("CodeN"));
    REQUIRE(j["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter.IllegalAppId");
}

TEST_CASE("invalid UTF-8 in a message does not break the envelope", "[envelope]") {
    ErrorCatalog cat;
    std::string body =
        error_envelope(meta(), cat.lookup("InvalidParameter"), std::string("bad \xff\xfe value"));
    REQUIRE(nlohmann::json::parse(body, nullptr, false).is_discarded() == false);
}

TEST_CASE("request ids are unique", "[envelope]") {
    std::set<std::string> ids;
    for (int i = 0; i < 10000; ++i) ids.insert(new_request_id(1'700'000'000'000));
    REQUIRE(ids.size() == 10000);
}

TEST_CASE("a request id is the UTC second it was made, a process tag and a counter of ten or more hex digits",
          "[envelope]") {
    // 2023-11-14T22:13:20Z, then the same second again, then a second in another year.
    const std::string a = new_request_id(1'700'000'000'000);
    const std::string b = new_request_id(1'700'000'000'999);
    const std::string c = new_request_id(1'735'689'599'000);  // 2024-12-31T23:59:59Z
    REQUIRE(a.size() == 14 + 8 + 10);
    CHECK(a.substr(0, 14) == "20231114221320");
    CHECK(b.substr(0, 14) == "20231114221320");
    CHECK(c.substr(0, 14) == "20241231235959");
    CHECK(a.substr(14, 8) == b.substr(14, 8));  // one tag per process
    for (char ch : a.substr(14)) CHECK(std::isxdigit(static_cast<unsigned char>(ch)));
    for (char ch : a.substr(22)) CHECK(!std::islower(static_cast<unsigned char>(ch)));
    CHECK(std::stoull(b.substr(22), nullptr, 16) == std::stoull(a.substr(22), nullptr, 16) + 1);
}

TEST_CASE("gateway errors keep their documented HTTP status", "[errors]") {
    ErrorCatalog cat;
    REQUIRE(cat.http_status(cat.lookup("MissingAction")) == 400);
    REQUIRE(cat.http_status(cat.lookup("MissingAuthentication")) == 401);
    REQUIRE(cat.http_status(cat.lookup("MissingXDate")) == 400);
    REQUIRE(cat.http_status(cat.lookup("MissingSignature")) == 401);
    REQUIRE(cat.http_status(cat.lookup("XDateOutOfWindow")) == 400);
    REQUIRE(cat.http_status(cat.lookup("WrongService")) == 404);
    REQUIRE(cat.http_status(cat.lookup("UnknownActionOrVersion")) == 404);
    REQUIRE(cat.http_status(cat.lookup("UnknownAccessKey")) == 401);
    REQUIRE(cat.http_status(cat.lookup("SignatureMismatch")) == 401);
    REQUIRE(cat.http_status(cat.lookup("AccountDisabled")) == 403);
    REQUIRE(cat.http_status(cat.lookup("InternalError")) == 500);
}

TEST_CASE("service errors take their status from the code prefix", "[errors]") {
    ErrorCatalog cat;
    REQUIRE(cat.http_status(cat.lookup("IllegalAppId")) == 400);
    REQUIRE(cat.http_status(cat.lookup("NoPermissionForApp")) == 403);
    REQUIRE(cat.http_status(cat.lookup("Throttled")) == 429);
    REQUIRE(cat.http_status(cat.lookup("ServiceInternalError")) == 500);
}

TEST_CASE("the HTTP-200 switch sends service errors, and only them, as HTTP 200", "[errors]") {
    ErrorsConfig cfg;
    cfg.service_errors_as_http_200 = true;
    ErrorCatalog cat(cfg);
    REQUIRE(cat.http_status(cat.lookup("IllegalAppId")) == 200);
    REQUIRE(cat.http_status(cat.lookup("Throttled")) == 200);
    REQUIRE(cat.http_status(cat.lookup("SignatureMismatch")) == 401);
}

TEST_CASE("the config can remap a reason to another error", "[errors]") {
    ErrorsConfig cfg;
    cfg.overrides["UnknownActionOrVersion"] = ErrorDef{"InvalidAction", 100099, 400};
    ErrorCatalog cat(cfg);
    REQUIRE(cat.lookup("UnknownActionOrVersion").code == "InvalidAction");
    REQUIRE(cat.http_status(cat.lookup("UnknownActionOrVersion")) == 400);
}
