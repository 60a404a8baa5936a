// Plain request/response values: what the HTTP layer hands to the core and gets back. No HTTP library here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rtc {

struct Header {
    std::string name;
    std::string value;
};

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
void append_lower(std::string& out, std::string_view s);
std::string trim(std::string_view s);  // spaces and tabs at both ends
std::string_view trim_view(std::string_view s);

struct ApiRequest {
    std::string method;     // "POST", "GET", ...
    std::string path;       // "/"
    std::string raw_query;  // as received, without '?'
    std::vector<Header> headers;
    std::string body;
    std::string remote_addr;

    // First header with this name, case-insensitively; nullptr when absent.
    const std::string* header(std::string_view name) const;
};

struct ApiResponse {
    int status = 200;
    std::vector<Header> headers;
    std::string body;
    std::string content_type = "application/json; charset=utf-8";
    bool drop_connection = false;  // fault injection: close the connection without answering
    std::int64_t delay_ms = 0;     // fault injection: hold the answer back this long
    // Fault injection, with drop_connection: close with a TCP reset (RST) instead of a FIN.
    bool reset_connection = false;
};

}  // namespace rtc
