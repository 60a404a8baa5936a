// The generic validator on declarations made up for the test: what the five actions do not exercise.
#include <catch2/catch.hpp>

#include "core/actions/validate.h"

using namespace rtc;
using namespace rtc::spec;
using nlohmann::json;

namespace {
ActionSpec get_spec() {
    ActionSpec a;
    a.name = "GetThing";
    a.method = "GET";
    a.fields = {id_field("Id").req(), field("Limit", Type::Integer).range(1, 100).def(10),
                field("Verbose", Type::Boolean).def(false)};
    return a;
}
ActionSpec body_spec() {
    ActionSpec a;
    a.name = "PutThing";
    a.method = "POST";
    a.fields = {field("Name", Type::String).req().max_len(4), field("Size", Type::Integer).range(0, 10)};
    return a;
}
}  // namespace

TEST_CASE("query integers are parsed strictly and booleans are true or false", "[validate]") {
    ValidationSettings opt;
    auto run = [&](QueryParams q) { return validation::validate_query(get_spec(), q, opt); };
    auto ok = run({{"Action", "GetThing"}, {"Version", "v"}, {"X-Date", "x"}, {"Id", "a"}, {"Limit", "100"}});
    REQUIRE(ok.ok());
    CHECK(ok.value.to_json() == json{{"Id", "a"}, {"Limit", 100}, {"Verbose", false}});
    CHECK(ok.unknown_fields.empty());
    for (const char* bad : {"1.0", " 5", "5 ", "+5", "0x10", "", "99999999999999999999"}) {
        INFO(bad);
        auto r = run({{"Id", "a"}, {"Limit", bad}});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->reason == "WrongFieldType");
        CHECK_THAT(r.error->message, Catch::StartsWith("Limit must be an integer, got string"));
    }
    CHECK(run({{"Id", "a"}, {"Limit", "101"}}).error->message == "Limit must be in [1,100], got \"101\"");
    CHECK(run({{"Id", "a"}, {"Verbose", "true"}}).value.to_json()["Verbose"] == true);
    CHECK(run({{"Id", "a"}, {"Verbose", "yes"}}).error->reason == "WrongFieldType");
}

TEST_CASE("lengths count bytes by default and characters with LengthUnit characters", "[validate]") {
    ValidationSettings opt;
    const std::string four_chars = u8"你好吗a";  // 3 CJK characters + 'a', 10 bytes
    auto bytes = validation::validate_document(body_spec(), json{{"Name", four_chars}}.dump(), opt);
    CHECK(bytes.error->message == "Name must be at most 4 bytes long, got 10");
    opt.length_unit = LengthUnit::Characters;
    CHECK(validation::validate_document(body_spec(), json{{"Name", four_chars}}.dump(), opt).ok());
}

TEST_CASE("keys match case-insensitively unless CaseInsensitiveKeys is off; the exact spelling wins",
          "[validate]") {
    ValidationSettings opt;
    auto r = validation::validate_document(body_spec(), json{{"name", "ab"}}.dump(), opt);
    CHECK(r.ok());
    CHECK(r.value.to_json()["Name"] == "ab");
    auto both =
        validation::validate_document(body_spec(), json{{"name", "toolong"}, {"Name", "ok"}}.dump(), opt);
    CHECK(both.ok());
    CHECK(both.value.to_json()["Name"] == "ok");
    opt.case_insensitive_keys = false;
    auto strict = validation::validate_document(body_spec(), json{{"name", "ab"}}.dump(), opt);
    CHECK(strict.error->message == "Name is required");
    CHECK(strict.unknown_fields == std::vector<std::string>{"name"});
}

TEST_CASE("an integer beyond 64 bits is out of range, not a crash", "[validate]") {
    ValidationSettings opt;
    auto r = validation::validate_body(body_spec(), R"({"Name":"a","Size":18446744073709551615})", opt);
    CHECK(r.error->message == "Size must be in [0,10], got 18446744073709551615");
    auto f = validation::validate_body(body_spec(), R"({"Name":"a","Size":1e400})", opt);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error->reason == "Unmarshal");
}

TEST_CASE("shape problems anywhere come before value problems", "[validate]") {
    ValidationSettings opt;
    auto r = validation::validate_document(body_spec(), json{{"Name", "toolong"}, {"Size", "x"}}.dump(), opt);
    CHECK(r.error->message == "Size must be an integer, got string \"x\"");
}

TEST_CASE("a problem deep in a list names its path as sent: list, entry index and key", "[validate]") {
    const spec::ActionSpec* start = spec::find_action_spec("StartWebcast");
    REQUIRE(start != nullptr);
    ValidationSettings opt;
    const std::string head =
        R"({"AppId":"600000000000000000000000","RoomId":"r","TaskId":"t","UserId":"u",)"
        R"("SourceURL":"https://example.com/","VideoSolutions":[{"Width":640,"Height":360},)";
    auto out_of_range = validation::validate_body(*start, head + R"({"width":4000,"Height":360}]})", opt);
    REQUIRE(out_of_range.error);
    CHECK(out_of_range.error->message == "VideoSolutions[1].width must be in [50,1920], got 4000");
    auto unknown = validation::validate_body(*start, head + R"({"Width":640,"Height":360,"Depth":3}]})", opt);
    CHECK_FALSE(unknown.error);
    CHECK(unknown.unknown_fields == std::vector<std::string>{"VideoSolutions[1].Depth"});
}
