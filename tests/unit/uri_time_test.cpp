#include <catch2/catch.hpp>

#include "core/timefmt.h"
#include "core/uri.h"

using namespace rtc;

TEST_CASE("query values are form-decoded: + is a space, %XX a byte", "[uri]") {
    auto q = parse_query("a=1+2&b=%E4%B8%AD&c&d=%2B&e=%zz");
    REQUIRE(q == QueryParams{{"a", "1 2"}, {"b", "\xE4\xB8\xAD"}, {"c", ""}, {"d", "+"}, {"e", "%zz"}});
}

TEST_CASE("the canonical query escapes all but unreserved characters with uppercase hex", "[uri]") {
    REQUIRE(uri_escape("a b+c*~-_.") == "a%20b%2Bc%2A~-_.");
    REQUIRE(uri_escape("\xE4\xB8\xAD") == "%E4%B8%AD");
}

TEST_CASE("the canonical query sorts by key and keeps repeated keys in received order", "[uri]") {
    QueryParams q{{"b", "2"}, {"a", "z"}, {"a", "y"}, {"Version", "1"}};
    REQUIRE(canonical_query(q) == "Version=1&a=z&a=y&b=2");
}

TEST_CASE("X-Date parses only real UTC times", "[time]") {
    REQUIRE(parse_x_date("20241201T000000Z") == 1733011200000LL);
    REQUIRE_FALSE(parse_x_date("20241301T000000Z"));
    REQUIRE_FALSE(parse_x_date("20240230T000000Z"));
    REQUIRE_FALSE(parse_x_date("20241201T250000Z"));
    REQUIRE_FALSE(parse_x_date("2024-12-01T00:00:00Z"));
    REQUIRE(parse_x_date("20240229T235959Z"));
    REQUIRE(format_x_date(1733011200000LL) == "20241201T000000Z");
}

TEST_CASE("RFC 3339 times round-trip", "[time]") {
    REQUIRE(parse_rfc3339("2024-12-01T00:00:00Z") == 1733011200000LL);
    REQUIRE(parse_rfc3339("2024-12-01T08:00:00+08:00") == 1733011200000LL);
    REQUIRE(format_rfc3339(1733011200000LL) == "2024-12-01T00:00:00Z");
    REQUIRE_FALSE(parse_rfc3339("yesterday"));
}

TEST_CASE("a session token in a query is redacted before it reaches a log or the journal", "[uri]") {
    REQUIRE(redact_query_param("Action=A&X-Security-Token=secret+tok&b=1", "X-Security-Token") ==
            "Action=A&X-Security-Token=***&b=1");
    REQUIRE(redact_query_param("X-Security-Token=s", "X-Security-Token") == "X-Security-Token=***");
    REQUIRE(redact_query_param("a=1&&b", "X-Security-Token") == "a=1&&b");
    REQUIRE(redact_query_param("", "X-Security-Token") == "");
}
