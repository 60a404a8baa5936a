// The default fixture (fixtures/default.json) as the tests use it: its ids, its document, and what a changed
// copy of it says when it is loaded.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/config_reader.h"
#include "core/service.h"
#include "text_file.h"

namespace rtc::test {

inline const char* const kApp = "600000000000000000000000";           // account 1, all on, video mode
inline const char* const kAppSignaling = "600000000000000000000001";  // account 1, signalling-data mode
inline const char* const kAppNoRecord = "600000000000000000000002";   // account 1, cloud recording off
inline const char* const kAppNoVod = "600000000000000000000003";      // account 1, VOD off
inline const char* const kAppOther = "600000000000000000000009";      // account 2
inline const char* const kAccount = "2100000001";                     // account 1

inline std::string fixture_path() {
    return std::string(RTC_SOURCE_DIR) + "/fixtures/default.json";
}

// The fixture as a JSON document, to change before parse_config.
inline nlohmann::json fixture_json() {
    return nlohmann::json::parse(rtc::testing::read_text(fixture_path()));
}

// What loading `doc` says: "" when a mock starts on it, else the ConfigError's text (parse_config, then the
// checks against the served actions that MockService runs).
inline std::string config_error(const nlohmann::json& doc, const std::string& file = "test.json") {
    try {
        ServiceDeps deps;
        deps.clock = std::make_shared<VirtualClock>(0);
        MockService service(parse_config(doc, file), std::move(deps));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace rtc::test
