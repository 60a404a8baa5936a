// The console's records as the Redis engine stores them (core/state/codec/console_json.h): every field of an
// app and of a callback setting comes back as it went in, and a damaged record names its bad field.
#include <catch2/catch.hpp>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/state/codec/console_json.h"

using namespace rtc;
using state::codec::decode_app;
using state::codec::decode_callback_setting;
using state::codec::encode;

TEST_CASE("console codec: an app round-trips every field", "[codec]") {
    App a;
    a.app_id = "app-1";
    a.account_id = "acc-7";
    a.vod_enabled = false;
    a.cloud_recording_enabled = true;
    a.whiteboard_record_mode = WhiteboardMode::Signaling;
    const App b = decode_app(nlohmann::json::parse(encode(a).dump()));
    REQUIRE(b.app_id == a.app_id);
    REQUIRE(b.account_id == a.account_id);
    REQUIRE(b.vod_enabled == a.vod_enabled);
    REQUIRE(b.cloud_recording_enabled == a.cloud_recording_enabled);
    REQUIRE(b.whiteboard_record_mode == a.whiteboard_record_mode);
    a.vod_enabled = true;
    a.cloud_recording_enabled = false;
    a.whiteboard_record_mode = WhiteboardMode::None;
    const App c = decode_app(encode(a));
    REQUIRE(c.vod_enabled);
    REQUIRE_FALSE(c.cloud_recording_enabled);
    REQUIRE(c.whiteboard_record_mode == WhiteboardMode::None);
}

TEST_CASE("console codec: a callback setting round-trips every field", "[codec]") {
    callbacks::CallbackSetting s{"app-1", "biz-1",
                                 AppCallback{"http://127.0.0.1:9/cb", "secret \"quoted\"", {"E1", "E2"}},
                                 1733560000123, 1733560000999};
    const auto t = decode_callback_setting(nlohmann::json::parse(encode(s).dump()));
    REQUIRE(t.app_id == s.app_id);
    REQUIRE(t.business_id == s.business_id);
    REQUIRE(t.callback.url == s.callback.url);
    REQUIRE(t.callback.secret_key == s.callback.secret_key);
    REQUIRE(t.callback.events == s.callback.events);
    REQUIRE(t.created_at == s.created_at);
    REQUIRE(t.updated_at == s.updated_at);
}

TEST_CASE("console codec: a damaged record is refused naming the field", "[codec]") {
    auto app = encode(App{"app-1", "acc-1", true, true, WhiteboardMode::Video});
    app["WhiteboardRecordMode"] = "Sideways";
    REQUIRE_THROWS_WITH(decode_app(app), Catch::Contains("WhiteboardRecordMode"));
    app.erase("AccountId");
    REQUIRE_THROWS_AS(decode_app(app), std::invalid_argument);
    REQUIRE_THROWS_WITH(decode_app(app), Catch::Contains("AccountId"));
    auto setting = encode(callbacks::CallbackSetting{"app-1", "", AppCallback{"u", "k", {}}, 1, 2});
    setting["Events"] = {1};
    REQUIRE_THROWS_WITH(decode_callback_setting(setting), Catch::Contains("Events"));
    setting["Events"] = nlohmann::json::array();
    setting["CreatedAt"] = "yesterday";
    REQUIRE_THROWS_WITH(decode_callback_setting(setting), Catch::Contains("CreatedAt"));
}
