#include "core/limits_settings.h"

#include "core/config_reader.h"

namespace rtc {

void parse_limits_settings(const ConfigField& f, ServerLimits& out) {
    f.only_keys({"MaxBodyBytes"});
    f.get("MaxBodyBytes", out.max_body_bytes, 1024, 1LL << 30);
}

}  // namespace rtc
