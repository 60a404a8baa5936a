#include "core/actions/value_rules.h"

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace rtc::validation {

namespace {

// A compiled pattern. The declarations' patterns are one character class with a repeat count
// ("[a-zA-Z0-9_@\-\.]{1,128}"): those run as a 256-entry table and a length check, at a fraction of the cost
// of std::regex on the request path; any other pattern falls back to std::regex.
class Matcher {
  public:
    explicit Matcher(const std::string& pattern) {
        if (!compile_class(pattern)) re_.emplace(pattern, std::regex::optimize);
    }
    bool operator()(std::string_view s) const {
        if (re_) return std::regex_match(s.begin(), s.end(), *re_);
        if (s.size() < min_ || s.size() > max_) return false;
        for (unsigned char c : s)
            if (!allowed_[c]) return false;
        return true;
    }

  private:
    bool compile_class(const std::string& p) {
        std::smatch m;
        static const std::regex shape(R"(^\[((?:[^\]\\]|\\.)+)\]\{(\d+),(\d+)\}$)");
        if (!std::regex_match(p, m, shape)) return false;
        std::vector<unsigned char> chars;
        std::vector<bool> literal;
        const std::string body = m[1];
        for (std::size_t i = 0; i < body.size(); ++i) {
            bool escaped = body[i] == '\\' && i + 1 < body.size();
            if (escaped) ++i;
            chars.push_back(static_cast<unsigned char>(body[i]));
            literal.push_back(escaped);
        }
        for (std::size_t i = 0; i < chars.size(); ++i) {
            if (i + 2 < chars.size() && chars[i + 1] == '-' && !literal[i + 1]) {
                for (unsigned c = chars[i]; c <= chars[i + 2]; ++c) allowed_[c] = true;
                i += 2;
            } else {
                allowed_[chars[i]] = true;
            }
        }
        min_ = std::stoul(m[2]);
        max_ = std::stoul(m[3]);
        return true;
    }

    std::optional<std::regex> re_;
    bool allowed_[256] = {};
    std::size_t min_ = 0, max_ = 0;
};

}  // namespace

bool matches_pattern(const std::string& pattern, std::string_view s) {
    // Each thread compiles a pattern once; no lock on the request path.
    thread_local std::map<std::string, Matcher> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) it = cache.emplace(pattern, Matcher(pattern)).first;
    return it->second(s);
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool strict_integer(std::string_view s, long long& out) {
    if (s.empty() || s.size() > 20) return false;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) return false;
    for (std::size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9') return false;
    try {
        std::size_t used = 0;
        out = std::stoll(std::string(s), &used);
        return used == s.size();
    } catch (...) {
        return false;
    }
}

}  // namespace rtc::validation
