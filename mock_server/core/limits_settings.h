// Settings of what one request may carry (config section `Limits`). Data only.
#pragma once

#include <cstddef>

namespace rtc {

class ConfigField;

struct ServerLimits {
    std::size_t max_body_bytes = 1 << 20;  // a larger body is answered BodyTooLarge by the HTTP layer
};

void parse_limits_settings(const ConfigField& f, ServerLimits& out);

}  // namespace rtc
