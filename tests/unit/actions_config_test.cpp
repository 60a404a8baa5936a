// The settings of the actions' choices (docs/service-facts.md §4) are read from the config file, checked
// field by field.
#include <catch2/catch.hpp>

#include "core/config.h"
#include "core/config_reader.h"

using namespace rtc;
using nlohmann::json;

namespace {
json minimal() {
    return {{"Accounts", json::array({{{"AccountId", "1"}, {"AccessKey", "AK"}, {"SecretKey", "SK"}}})}};
}
}  // namespace

TEST_CASE("the Validation and Tasks choices of the actions are read from the config file",
          "[config][actions]") {
    json doc = minimal();
    doc["Validation"] = {{"OddDimensionRounding", "up"},      {"MaxVideoSolutions", 3},
                         {"CheckRangeBeforeRounding", false}, {"CaseInsensitiveKeys", false},
                         {"RejectUnknownFields", true},       {"LengthUnit", "characters"}};
    doc["Tasks"] = {
        {"QueryWindowHours", 24}, {"AlreadyStartedResult", "again"}, {"RestartEndedTasks", false}};
    Config c = parse_config(doc, "t.json");
    CHECK(c.validation.odd_dimension_rounding == OddRounding::Up);
    CHECK(c.validation.max_video_solutions == 3);
    CHECK_FALSE(c.validation.check_range_before_rounding);
    CHECK_FALSE(c.validation.case_insensitive_keys);
    CHECK(c.validation.reject_unknown_fields);
    CHECK(c.validation.length_unit == LengthUnit::Characters);
    CHECK(c.tasks.query_window_hours == 24);
    CHECK(c.tasks.already_started_result == "again");
    CHECK_FALSE(c.tasks.restart_ended_tasks);
}

TEST_CASE("a bad LengthUnit or a misspelt Tasks setting is a config error naming the field",
          "[config][actions]") {
    json doc = minimal();
    doc["Validation"] = {{"LengthUnit", "words"}};
    REQUIRE_THROWS_WITH(parse_config(doc, "t.json"), Catch::Contains("Validation.LengthUnit"));
    doc = minimal();
    doc["Tasks"] = {{"AlreadyStarted", "x"}};
    REQUIRE_THROWS_AS(parse_config(doc, "t.json"), ConfigError);
}
