#include "pages/host_rules.h"

#include <algorithm>
#include <cctype>

namespace rtc::pages {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool any_host(const std::vector<std::string>& allowed) {
    return std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
}

}  // namespace

std::string url_host(const std::string& url) {
    const std::string u = lower(url);
    std::size_t start;
    if (u.rfind("http://", 0) == 0)
        start = 7;
    else if (u.rfind("https://", 0) == 0)
        start = 8;
    else
        return "";
    const std::size_t end = u.find_first_of("/?#", start);
    std::string authority = u.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const auto at = authority.rfind('@');
    if (at != std::string::npos) authority.erase(0, at + 1);
    if (!authority.empty() && authority[0] == '[') {
        const auto close = authority.find(']');
        return close == std::string::npos ? "" : authority.substr(0, close + 1);
    }
    return authority.substr(0, authority.find(':'));
}

bool url_allowed(const std::string& url, const std::vector<std::string>& allowed, std::string* why) {
    const std::string host = url_host(url);
    if (host.empty()) {
        if (why) *why = "SourceURL is not an http or https URL with a host";
        return false;
    }
    if (any_host(allowed)) return true;
    for (const auto& a : allowed)
        if (lower(a) == host) return true;
    if (why) *why = "host " + host + " is not in Pages.AllowedHosts";
    return false;
}

std::string host_resolver_rules(const std::vector<std::string>& allowed) {
    if (any_host(allowed)) return "";
    std::string rules = "MAP * ~NOTFOUND";
    for (const auto& a : allowed) rules += ", EXCLUDE " + a;
    return rules;
}

}  // namespace rtc::pages
