#include "core/actions/validate.h"

#include <climits>
#include <map>
#include <regex>

#include "core/request.h"  // iequals

namespace rtc::validation {

namespace {

using nlohmann::json;
using spec::Field;
using spec::Type;

// Violations are ranked as the service orders its checks (docs/service-facts.md §4): presence and JSON types
// first (1), then ranges, lengths, patterns and list sizes (2). Within a rank, the first field in declaration
// order wins.
constexpr int kShape = 1;
constexpr int kValue = 2;

// A compiled pattern. The declarations' patterns are one character class with a repeat count
// ("[a-zA-Z0-9_@\-\.]{1,128}"): those run as a 256-entry table and a length check, at a fraction of the cost
// of std::regex on the request path; any other pattern falls back to std::regex.
class Matcher {
  public:
    explicit Matcher(const std::string& pattern) {
        if (!compile_class(pattern)) re_.emplace(pattern, std::regex::optimize);
    }
    bool operator()(const std::string& s) const {
        if (re_) return std::regex_match(s, *re_);
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

const Matcher& compiled(const std::string& pattern) {
    // Each thread compiles a pattern once; no lock on the request path.
    thread_local std::map<std::string, Matcher> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) it = cache.emplace(pattern, Matcher(pattern)).first;
    return it->second;
}

std::string shown(const json& v) {
    std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > 64) s = s.substr(0, 61) + "...";
    return s;
}

std::string describe(const json& v) {
    switch (v.type()) {
        case json::value_t::string:
            return "string " + shown(v);
        case json::value_t::boolean:
            return "boolean " + shown(v);
        case json::value_t::number_float:
            return "number " + shown(v);
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "integer " + shown(v);
        case json::value_t::array:
            return "an array";
        case json::value_t::object:
            return "an object";
        default:
            return shown(v);
    }
}

const char* expected(Type t) {
    switch (t) {
        case Type::String:
            return "a string";
        case Type::Integer:
            return "an integer";
        case Type::Boolean:
            return "a boolean";
        case Type::Object:
            return "an object";
        case Type::Array:
            return "an array";
    }
    return "?";
}

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool strict_integer(const std::string& s, long long& out) {
    if (s.empty() || s.size() > 20) return false;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) return false;
    for (std::size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9') return false;
    try {
        std::size_t used = 0;
        out = std::stoll(s, &used);
        return used == s.size();
    } catch (...) {
        return false;
    }
}

class Walker {
  public:
    Walker(const spec::ActionSpec& action, const Options& opt, Outcome& out, bool query_mode)
        : action_(action), opt_(opt), out_(out), query_mode_(query_mode) {}

    void object(const std::vector<Field>& fields, const json& in, const std::string& prefix, json& dst) {
        // Which key, as sent, carries each declared field: the exact name first, else a case-folded match.
        std::vector<const json*> given(fields.size(), nullptr);
        std::vector<std::string> sent(fields.size());
        for (auto it = in.begin(); it != in.end(); ++it) {
            const std::string& key = it.key();
            std::size_t match = fields.size();
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (fields[i].name == key) {
                    match = i;
                    break;
                }
                if (match == fields.size() && opt_.case_insensitive_keys && iequals(fields[i].name, key))
                    match = i;
            }
            if (match == fields.size()) {
                unknown(prefix + key);
                continue;
            }
            if (given[match] && sent[match] == fields[match].name) continue;  // the exact spelling wins
            given[match] = &it.value();
            sent[match] = key;
        }
        dst = json::object();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const Field& f = fields[i];
            const json* v = given[i];
            const std::string path = prefix + (v ? sent[i] : f.name);
            if (v && absent(f, *v)) v = nullptr;
            if (!v) {
                if (f.required) {
                    violate(kShape, f, "MissingField", path + " is required");
                } else if (f.default_value) {
                    fill(f, *f.default_value, path, dst[f.name]);
                }
                continue;
            }
            value(f, *v, path, dst[f.name]);
        }
    }

  private:
    bool absent(const Field& f, const json& v) const {
        if (v.is_null()) return true;  // as Go's encoding/json: null leaves the field unset
        if (!f.empty_is_absent) return false;
        return (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
    }

    // A default goes through the same walk, so a default object or list gets its children's defaults.
    void fill(const Field& f, const json& def, const std::string& path, json& dst) {
        bool q = query_mode_;
        query_mode_ = false;
        value(f, def, path, dst);
        query_mode_ = q;
    }

    void value(const Field& f, const json& v, const std::string& path, json& dst) {
        switch (f.type) {
            case Type::String:
                return string_value(f, v, path, dst);
            case Type::Integer:
                return integer_value(f, v, path, dst);
            case Type::Boolean:
                return boolean_value(f, v, path, dst);
            case Type::Object:
                if (!v.is_object()) return wrong_type(f, v, path);
                return object(f.children, v, path + ".", dst);
            case Type::Array:
                return array_value(f, v, path, dst);
        }
    }

    void string_value(const Field& f, const json& v, const std::string& path, json& dst) {
        if (!v.is_string()) return wrong_type(f, v, path);
        const std::string& s = v.get_ref<const std::string&>();
        dst = s;
        if (f.max_length) {
            std::size_t len = opt_.length_in_characters ? utf8_length(s) : s.size();
            if (len > *f.max_length)
                violate(kValue, f, "FieldTooLong",
                        path + " must be at most " + std::to_string(*f.max_length) +
                            (opt_.length_in_characters ? " characters" : " bytes") + " long, got " +
                            std::to_string(len));
        }
        if (!f.pattern.empty() && !compiled(f.pattern)(s)) {
            violate(kValue, f, "FieldPatternMismatch",
                    path + " must match " + f.pattern_text + ", got " + shown(v));
        } else if (f.required && s.empty()) {
            violate(kValue, f, "MissingField", path + " must not be empty");
        }
    }

    void integer_value(const Field& f, const json& v, const std::string& path, json& dst) {
        long long n = 0;
        bool too_big = false;
        if (query_mode_ && v.is_string()) {
            if (!strict_integer(v.get_ref<const std::string&>(), n)) return wrong_type(f, v, path);
        } else if (v.is_number_unsigned()) {
            auto u = v.get<unsigned long long>();
            too_big = u > static_cast<unsigned long long>(LLONG_MAX);
            n = too_big ? LLONG_MAX : static_cast<long long>(u);
        } else if (v.is_number_integer()) {
            n = v.get<long long>();
        } else {
            return wrong_type(f, v, path);
        }
        const bool odd = f.rounding == spec::Rounding::Even && n % 2 != 0 && !too_big && n != LLONG_MAX;
        if (odd && !opt_.range_before_rounding) n += opt_.round_up ? 1 : -1;
        const bool off = f.zero_means_off && n == 0 && !too_big;
        if (!off && (too_big || (f.min && n < *f.min) || (f.max && n > *f.max))) {
            std::string range = "[" + (f.min ? std::to_string(*f.min) : "") + "," +
                                (f.max ? std::to_string(*f.max) : "") + "]";
            violate(kValue, f, "FieldOutOfRange",
                    path + " must be " + (f.zero_means_off ? "0 (off) or " : "") + "in " + range + ", got " +
                        (query_mode_ || too_big ? shown(v) : std::to_string(n)));
        }
        if (odd && opt_.range_before_rounding) n += opt_.round_up ? 1 : -1;
        dst = n;
    }

    void boolean_value(const Field& f, const json& v, const std::string& path, json& dst) {
        if (query_mode_ && v.is_string()) {
            const std::string& s = v.get_ref<const std::string&>();
            if (s == "true" || s == "false") {
                dst = s == "true";
                return;
            }
        }
        if (!v.is_boolean()) return wrong_type(f, v, path);
        dst = v.get<bool>();
    }

    void array_value(const Field& f, const json& v, const std::string& path, json& dst) {
        if (!v.is_array()) return wrong_type(f, v, path);
        long long limit = f.max_items ? static_cast<long long>(*f.max_items) : -1;
        for (const auto& [name, value] : opt_.settings)
            if (!f.max_items_setting.empty() && name == f.max_items_setting) limit = value;
        if (limit >= 0 && static_cast<long long>(v.size()) > limit)
            violate(kValue, f, "TooManyItems",
                    path + " must have at most " + std::to_string(limit) +
                        (limit == 1 ? " entry" : " entries") + ", got " + std::to_string(v.size()));
        dst = json::array();
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string item = path + "[" + std::to_string(i) + "]";
            if (f.string_items) {
                if (!v[i].is_string() || v[i].get_ref<const std::string&>().empty())
                    violate(kShape, f, "WrongFieldType",
                            item + " must be a non-empty string, got " + describe(v[i]));
                dst.push_back(v[i]);
                continue;
            }
            if (!v[i].is_object()) {
                violate(kShape, f, "WrongFieldType", item + " must be an object, got " + describe(v[i]));
                continue;
            }
            json out;
            object(f.children, v[i], item + ".", out);
            dst.push_back(std::move(out));
        }
    }

    void wrong_type(const Field& f, const json& v, const std::string& path) {
        violate(kShape, f, "WrongFieldType", path + " must be " + expected(f.type) + ", got " + describe(v));
    }

    void unknown(const std::string& path) {
        out_.unknown_fields.push_back(path);
        if (opt_.reject_unknown_fields && best_ > kShape) {
            best_ = kShape;
            out_.error = ApiError{"UnknownField", path + " is not a parameter of " + action_.name};
        }
    }

    void violate(int rank, const Field& f, const char* kind, std::string message) {
        if (rank >= best_) return;
        best_ = rank;
        out_.error = ApiError{f.reason.empty() ? kind : f.reason, std::move(message)};
    }

    const spec::ActionSpec& action_;
    const Options& opt_;
    Outcome& out_;
    bool query_mode_;
    int best_ = 99;
};

}  // namespace

Options options_from(const Config& config) {
    Options o;
    o.round_up = config.validation.odd_dimension_rounding == OddRounding::Up;
    o.range_before_rounding = config.validation.check_range_before_rounding;
    o.case_insensitive_keys = config.validation.case_insensitive_keys;
    o.reject_unknown_fields = config.validation.reject_unknown_fields;
    o.length_in_characters = config.validation.length_unit == LengthUnit::Characters;
    o.settings = {{"Validation.MaxVideoSolutions", config.validation.max_video_solutions}};
    return o;
}

bool is_gateway_param(const std::string& key) {
    return key == "Action" || key == "Version" || key.rfind("X-", 0) == 0;
}

Outcome validate_object(const spec::ActionSpec& action, const nlohmann::json& object, const Options& opt) {
    Outcome out;
    Walker(action, opt, out, false).object(action.fields, object, "", out.value);
    return out;
}

Outcome validate_body(const spec::ActionSpec& action, std::string_view body, const Options& opt) {
    Outcome out;
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.error =
            ApiError{"BodyIsEmpty", "the request body is empty; " + action.name + " takes a JSON object"};
        return out;
    }
    json doc;
    try {
        doc = json::parse(body.begin(), body.end());
    } catch (const json::parse_error& e) {
        out.error =
            ApiError{"Unmarshal", "the request body is not valid JSON (at byte " + std::to_string(e.byte) +
                                      "); " + action.name + " takes a JSON object"};
        return out;
    } catch (const json::exception&) {  // e.g. a number beyond a double (1e400)
        out.error = ApiError{"Unmarshal", "the request body holds a number JSON cannot represent; " +
                                              action.name + " takes a JSON object"};
        return out;
    }
    if (!doc.is_object()) {
        out.error = ApiError{"Unmarshal", "the request body must be a JSON object, got " + describe(doc)};
        return out;
    }
    return validate_object(action, doc, opt);
}

Outcome validate_query(const spec::ActionSpec& action, const QueryParams& query, const Options& opt) {
    Outcome out;
    json params = json::object();
    for (const auto& [k, v] : query) {
        if (is_gateway_param(k)) continue;
        if (!params.contains(k)) params[k] = v;  // a repeated parameter: the first value counts
    }
    for (const auto& f : action.fields)
        if (f.type == Type::Object || f.type == Type::Array)
            throw std::logic_error(action.name + "." + f.name +
                                   ": a GET action takes scalar parameters only");
    Walker(action, opt, out, true).object(action.fields, params, "", out.value);
    return out;
}

}  // namespace rtc::validation
