#include "core/json/writer.h"

namespace rtc {

void append_json_string(std::string& out, std::string_view s) {
    bool plain = true;
    for (unsigned char c : s)
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
            plain = false;
            break;
        }
    if (plain) {
        out += '"';
        out.append(s.data(), s.size());
        out += '"';
        return;
    }
    // Invalid UTF-8 from a client must not turn an error answer into an exception.
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rtc
