#include "core/state/redis/task_key.h"

namespace rtc::state::redis {

namespace {

void append_escaped(std::string& out, const std::string& part) {
    for (char c : part) {
        if (c == '%')
            out += "%25";
        else if (c == '/')
            out += "%2F";
        else
            out += c;
    }
}

std::optional<std::string> unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        const std::string_view code = s.substr(i + 1, 2);
        if (code == "25")
            out += '%';
        else if (code == "2F")
            out += '/';
        else
            return std::nullopt;
        i += 2;
    }
    return out;
}

}  // namespace

std::string key_string(const webcast::TaskKey& key) {
    std::string out;
    out.reserve(key.app_id.size() + key.room_id.size() + key.task_id.size() + 2);
    append_escaped(out, key.app_id);
    out += '/';
    append_escaped(out, key.room_id);
    out += '/';
    append_escaped(out, key.task_id);
    return out;
}

std::optional<webcast::TaskKey> parse_key_string(std::string_view s) {
    const auto a = s.find('/');
    if (a == std::string_view::npos) return std::nullopt;
    const auto b = s.find('/', a + 1);
    if (b == std::string_view::npos || s.find('/', b + 1) != std::string_view::npos) return std::nullopt;
    auto app = unescape(s.substr(0, a));
    auto room = unescape(s.substr(a + 1, b - a - 1));
    auto task = unescape(s.substr(b + 1));
    if (!app || !room || !task) return std::nullopt;
    return webcast::TaskKey{std::move(*app), std::move(*room), std::move(*task)};
}

}  // namespace rtc::state::redis
