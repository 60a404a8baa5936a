#include "core/state/redis/address.h"

#include <cctype>

namespace rtc::state::redis {

namespace {

bool parse_number(const std::string& text, int min, int max, int& out) {
    if (text.empty() || text.size() > 9) return false;
    for (char c : text)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    const int n = std::stoi(text);
    if (n < min || n > max) return false;
    out = n;
    return true;
}

}  // namespace

std::string Address::str() const {
    std::string s =
        unix_path.empty() ? "redis://" + host + ":" + std::to_string(port) : "unix://" + unix_path;
    if (db != 0) s += unix_path.empty() ? "/" + std::to_string(db) : "?db=" + std::to_string(db);
    return s;
}

bool is_redis_url(const std::string& url) {
    return url.rfind("redis://", 0) == 0 || url.rfind("unix://", 0) == 0;
}

std::optional<Address> parse_address(const std::string& url, std::string& error) {
    Address a;
    if (url.rfind("unix://", 0) == 0) {
        std::string rest = url.substr(7);
        const auto q = rest.find('?');
        if (q != std::string::npos) {
            const std::string query = rest.substr(q + 1);
            rest.resize(q);
            if (query.rfind("db=", 0) != 0 || !parse_number(query.substr(3), 0, 15, a.db)) {
                error = "the only query of a unix:// state URL is db=N (0-15), got \"" + query + "\"";
                return std::nullopt;
            }
        }
        if (rest.empty() || rest[0] != '/') {
            error = "a unix:// state URL names an absolute socket path (unix:///path/redis.sock)";
            return std::nullopt;
        }
        a.unix_path = rest;
        return a;
    }
    if (url.rfind("redis://", 0) != 0) {
        error = "the state URL must be memory, redis://HOST:PORT[/DB] or unix:///PATH, got \"" + url + "\"";
        return std::nullopt;
    }
    std::string rest = url.substr(8);
    const auto slash = rest.find('/');
    if (slash != std::string::npos) {
        const std::string db = rest.substr(slash + 1);
        rest.resize(slash);
        if (!db.empty() && !parse_number(db, 0, 15, a.db)) {
            error = "the database of a redis:// state URL is a number 0-15, got \"" + db + "\"";
            return std::nullopt;
        }
    }
    if (rest.find('@') != std::string::npos) {
        error = "a redis:// state URL with a user or password is not supported";
        return std::nullopt;
    }
    const auto colon = rest.rfind(':');
    if (colon != std::string::npos && rest.find(']') == std::string::npos) {
        if (!parse_number(rest.substr(colon + 1), 1, 65535, a.port)) {
            error = "the port of a redis:// state URL is a number 1-65535, got \"" + rest.substr(colon + 1) +
                    "\"";
            return std::nullopt;
        }
        rest.resize(colon);
    }
    if (rest.empty()) {
        error = "a redis:// state URL names a host (redis://127.0.0.1:6379)";
        return std::nullopt;
    }
    a.host = rest;
    return a;
}

}  // namespace rtc::state::redis
