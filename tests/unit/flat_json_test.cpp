// The validator's JSON reader against nlohmann::json::parse, which it replaces on the request path: the same
// documents accepted, the same refused, the same values read (objects in key order, a repeated key's last
// value), numbers typed the same way.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/json/flat_json.h"

using namespace rtc;
using nlohmann::json;

namespace {

// nlohmann's verdict on `text`: the document, or nothing when it refuses it.
std::optional<json> reference(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

void same_as_nlohmann(const std::string& text) {
    INFO("text: " << text);
    std::optional<FlatJson::Error> error;
    const FlatJson doc = FlatJson::parse(text, error);
    const std::optional<json> want = reference(text);
    REQUIRE(want.has_value() == !error.has_value());
    if (!want) return;
    const json got = doc.root().to_json();
    CHECK(got == *want);
    CHECK(got.type() == want->type());
    CHECK(got.dump() == want->dump());  // also the number types (1 vs 1.0 vs -1)
}

}  // namespace

TEST_CASE("the flat reader accepts and reads every document nlohmann reads, and only those", "[flat_json]") {
    const std::vector<std::string> cases = {
        R"({})",
        R"([])",
        R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})",
        R"(  {"AppId" : "x" , "n" : -12 }  )",
        "\t\r\n{\"a\":\"b\"}\n",
        R"("just a string")",
        R"(42)",
        R"(-0)",
        R"(0)",
        R"(1.5)",
        R"(1e2)",
        R"(1E+2)",
        R"(-1.25e-3)",
        R"(18446744073709551615)",
        R"(18446744073709551616)",
        R"(-9223372036854775808)",
        R"(-9223372036854775809)",
        R"(9223372036854775807)",
        R"(123456789012345678901234567890)",
        R"({"z":1,"a":2,"m":3})",
        R"({"a":1,"a":2})",
        R"({"b":1,"a":2,"b":3,"a":4})",
        R"({"Key":1,"key":2,"KEY":3})",
        R"(["\u0041\u00e9\u4e2d\ud83d\ude00"])",
        R"({"\u0041ppId":"x"})",
        R"(["a\"b\\c\/d\b\f\n\r\t"])",
        R"(["\u0000"])",
        "[\"caf\xc3\xa9\"]",
        "[\"\xe4\xb8\xad\xe6\x96\x87\"]",
        "[\"\xf0\x9f\x98\x80\"]",
        "\xef\xbb\xbf{\"a\":1}",
        R"([[[[[[[[[[[]]]]]]]]]]])",
        // refused
        "",
        "   ",
        R"({)",
        R"({"a")",
        R"({"a":})",
        R"({"a":1,})",
        R"([1,])",
        R"([,1])",
        R"({,})",
        R"({"a" 1})",
        R"({a:1})",
        R"(['a'])",
        R"(01)",
        R"([01])",
        R"(1.)",
        R"(.5)",
        R"(-)",
        R"(1e)",
        R"(1e+)",
        R"(+1)",
        R"(NaN)",
        R"(Infinity)",
        R"(tru)",
        R"(nul)",
        R"(truex)",
        R"({"a":1} x)",
        R"({"a":1}{})",
        R"(["\x"])",
        R"(["\u12"])",
        R"(["\u12G4"])",
        R"(["\ud83d"])",
        R"(["\ud83d\u0041"])",
        R"(["\ude00"])",
        "[\"a\x01\"]",
        "[\"a\nb\"]",
        "[\"\xc3\"]",
        "[\"\xc0\xaf\"]",
        "[\"\xe0\x80\xaf\"]",
        "[\"\xed\xa0\x80\"]",
        "[\"\xf4\x90\x80\x80\"]",
        "[\"\xf5\x80\x80\x80\"]",
        "[\"\xff\"]",
        "\xef\xbb{}",
        "[1e400]",
        R"({"a":1)",
        R"(["unterminated)",
    };
    for (const auto& c : cases) same_as_nlohmann(c);
    // A NUL byte where a token may start ends nlohmann's input; inside a string it is a control character.
    for (const std::string& c :
         {std::string("{\"a\":1}\0 x", 10), std::string("\":\"\0\0Use{]", 9), std::string("[1,\0]", 5),
          std::string("[\"a\0\"]", 6), std::string("\0", 1), std::string("12\0", 3), std::string("tru\0", 4)})
        same_as_nlohmann(c);
}

TEST_CASE("a number beyond a double is told apart from text that is not JSON", "[flat_json]") {
    std::optional<FlatJson::Error> error;
    FlatJson::parse(R"({"Width":1e400})", error);
    REQUIRE(error);
    CHECK(error->number_too_large);
    FlatJson::parse(R"({"Width":1e4x})", error);
    REQUIRE(error);
    CHECK_FALSE(error->number_too_large);
}

TEST_CASE("a document nested thousands deep is read without recursion", "[flat_json]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    std::optional<FlatJson::Error> error;
    const FlatJson doc = FlatJson::parse(deep, error);
    CHECK_FALSE(error);
    CHECK(doc.root().is_array());
    FlatJson::parse(std::string(100000, '[') + std::string(99999, ']'), error);
    CHECK(error);
}

TEST_CASE("query parameters read as an object of strings keep the first value of a repeated name",
          "[flat_json]") {
    auto skip_gateway = [](const std::string& k) { return k == "Action"; };
    const FlatJson doc =
        FlatJson::from_strings({{"b", "2"}, {"Action", "X"}, {"a", "1"}, {"b", "3"}}, skip_gateway);
    CHECK(doc.root().to_json() == json{{"a", "1"}, {"b", "2"}});
}
