#include "build_info/default_fixture.h"

#include <nlohmann/json.hpp>

namespace rtc::build_info {

// A JSON syntax error can only come from an edited fixtures/default.json, which the unit tests load first.
Config default_config() {
    return parse_config(nlohmann::json::parse(embedded::default_fixture()), kDefaultFixtureName);
}

}  // namespace rtc::build_info
