// A Redis address as --state names it: redis://HOST:PORT[/DB] or unix:///PATH[?db=N].
#pragma once

#include <optional>
#include <string>

namespace rtc::state::redis {

struct Address {
    std::string host;  // TCP, when unix_path is empty
    int port = 6379;
    std::string unix_path;  // a Unix socket
    int db = 0;
    std::string str() const;
};

// nullopt with `error` saying what is wrong.
std::optional<Address> parse_address(const std::string& url, std::string& error);

// True for the URLs a Redis engine serves (redis:// and unix://).
bool is_redis_url(const std::string& url);

}  // namespace rtc::state::redis
