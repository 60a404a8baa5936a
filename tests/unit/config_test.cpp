#include <catch2/catch.hpp>

#include "core/config.h"
#include "core/config_reader.h"

using namespace rtc;

namespace {
std::string fixture() {
    return std::string(RTC_SOURCE_DIR) + "/fixtures/default.json";
}

nlohmann::json minimal() {
    return nlohmann::json::parse(R"({"Accounts":[{"AccountId":"1","AccessKey":"AK","SecretKey":"SK"}]})");
}

std::string error_of(const nlohmann::json& doc) {
    try {
        parse_config(doc, "test.json");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("the default fixture holds the accounts and apps the README lists", "[config]") {
    Config c = load_config_file(fixture());
    REQUIRE(c.account_by_id("2100000001")->access_key == "AKLTLOCALMOCK");
    REQUIRE(c.account_by_id("2100000001")->secret_key == "LOCALMOCKSECRET");
    REQUIRE(c.account_by_id("2100000002")->access_key == "AKLTOTHERACCOUNT");
    REQUIRE(c.account_by_id("2100000002")->secret_key == "OTHERSECRET");
    const App* a0 = c.app_by_id("600000000000000000000000");
    REQUIRE((a0->account_id == "2100000001" && a0->vod_enabled && a0->cloud_recording_enabled &&
             a0->whiteboard_record_mode == WhiteboardMode::Video));
    REQUIRE(c.app_by_id("600000000000000000000001")->whiteboard_record_mode == WhiteboardMode::Signaling);
    REQUIRE_FALSE(c.app_by_id("600000000000000000000002")->cloud_recording_enabled);
    REQUIRE_FALSE(c.app_by_id("600000000000000000000003")->vod_enabled);
    REQUIRE(c.app_by_id("600000000000000000000009")->account_id == "2100000002");
    REQUIRE(c.identity.region == "cn-north-1");
    REQUIRE(c.identity.service == "rtc");
    REQUIRE(c.rate_limits.enabled);
}

TEST_CASE("a config error names the file, the field and the problem", "[config]") {
    auto doc = minimal();
    doc["Signature"] = {{"MaxSkewSeconds", "900"}};
    REQUIRE(error_of(doc) == "test.json: Signature.MaxSkewSeconds: must be an integer, got string");
}

TEST_CASE("a misspelt setting is rejected, not ignored", "[config]") {
    auto doc = minimal();
    doc["Signature"] = {{"MaxSkewSecond", 900}};
    REQUIRE_THAT(error_of(doc), Catch::StartsWith("test.json: Signature.MaxSkewSecond: unknown setting"));
}

TEST_CASE("an app must belong to a declared account", "[config]") {
    auto doc = minimal();
    doc["Apps"] = nlohmann::json::array({{{"AppId", "a"}, {"AccountId", "nobody"}}});
    REQUIRE(error_of(doc) == "test.json: Apps[0].AccountId: no account nobody in Accounts");
}

TEST_CASE("the whiteboard mode is one of video, signaling, none", "[config]") {
    auto doc = minimal();
    doc["Apps"] =
        nlohmann::json::array({{{"AppId", "a"}, {"AccountId", "1"}, {"WhiteboardRecordMode", "audio"}}});
    REQUIRE_THAT(error_of(doc), Catch::StartsWith("test.json: Apps[0].WhiteboardRecordMode: must be one of"));
}

TEST_CASE("ranges are checked", "[config]") {
    auto doc = minimal();
    doc["Journal"] = {{"Capacity", 0}};
    REQUIRE(error_of(doc) == "test.json: Journal.Capacity: must be in [1,10000000], got 0");
}

TEST_CASE("Accounts is required and duplicates are refused", "[config]") {
    REQUIRE(error_of(nlohmann::json::object()) == "test.json: Accounts: is required");
    auto doc = minimal();
    doc["Accounts"].push_back({{"AccountId", "1"}, {"AccessKey", "AK2"}, {"SecretKey", "S"}});
    REQUIRE(error_of(doc) == "test.json: Accounts[1].AccountId: duplicate account id 1");
}

TEST_CASE("a file that is not JSON is reported as such", "[config]") {
    REQUIRE_THROWS_WITH(load_config_file(std::string(RTC_SOURCE_DIR) + "/CMakeLists.txt"),
                        Catch::Contains("CMakeLists.txt") && Catch::Contains("not valid JSON"));
    REQUIRE_THROWS_WITH(load_config_file("/nonexistent.json"), Catch::Contains("cannot open"));
}

TEST_CASE("the recording settings of Pages are read and checked", "[config]") {
    auto doc = minimal();
    doc["Pages"] = {
        {"Record", false}, {"RecordDir", "/tmp/recs"}, {"RecordMaxBytes", 5000}, {"RecordSpeed", 4}};
    const Config c = parse_config(doc, "test.json");
    CHECK_FALSE(c.pages.record);
    CHECK(c.pages.record_dir == "/tmp/recs");
    CHECK(c.pages.record_max_bytes == 5000);
    CHECK(c.pages.record_speed == 4);
    CHECK(PagesSettings{}.record);  // on by default

    doc["Pages"] = {{"RecordSpeed", 17}};
    CHECK(error_of(doc) == "test.json: Pages.RecordSpeed: must be in [0,16], got 17");
    doc["Pages"] = {{"RecordMaxBytes", 0}};
    CHECK_THAT(error_of(doc), Catch::StartsWith("test.json: Pages.RecordMaxBytes: must be in [1,"));
    doc["Pages"] = {{"Record", "yes"}};
    CHECK_THAT(error_of(doc), Catch::StartsWith("test.json: Pages.Record: "));
}
