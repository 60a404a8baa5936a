// Which hosts the browser may reach (Pages.AllowedHosts): the check of a task's SourceURL before it is
// opened, and the browser's --host-resolver-rules, under which every other name and address fails to resolve
// (so a page's own requests to other hosts fail too).
#pragma once

#include <string>
#include <vector>

namespace rtc::pages {

// The host of an http(s) URL, lower-cased (IPv6 literals keep their brackets); "" when the URL has no such
// host.
std::string url_host(const std::string& url);
// True when `url` is http or https and its host is allowed (["*"] allows any); else false with `why`.
bool url_allowed(const std::string& url, const std::vector<std::string>& allowed, std::string* why);
// The value of --host-resolver-rules for these hosts; "" when every host is allowed.
std::string host_resolver_rules(const std::vector<std::string>& allowed);

}  // namespace rtc::pages
