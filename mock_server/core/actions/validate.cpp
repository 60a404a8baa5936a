#include "core/actions/validate.h"

#include <algorithm>
#include <climits>
#include <map>

#include "core/actions/value_rules.h"
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

using View = FlatJson::View;
using Kind = FlatJson::Kind;

// A value as the messages print it: as nlohmann::json prints it, at most 64 characters.
std::string shown(const View& v) {
    std::string s = v.to_json().dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > 64) s = s.substr(0, 61) + "...";
    return s;
}

std::string describe(const View& v) {
    switch (v.kind()) {
        case Kind::String:
            return "string " + shown(v);
        case Kind::Boolean:
            return "boolean " + shown(v);
        case Kind::Float:
            return "number " + shown(v);
        case Kind::Integer:
        case Kind::Unsigned:
            return "integer " + shown(v);
        case Kind::Array:
            return "an array";
        case Kind::Object:
            return "an object";
        case Kind::Null:
            break;
    }
    return shown(v);
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

// Where a value sits in the request ("VideoSolutions[1].Width"), put into words only when a message needs it:
// a valid request builds no path strings at all.
struct Path {
    const Path* parent = nullptr;
    std::string_view key;  // a field's key as sent, or its declared name
    long index = -1;       // >= 0: an entry of the parent list

    std::string text() const {
        std::string out = parent ? parent->text() : std::string();
        if (index >= 0) return out + "[" + std::to_string(index) + "]";
        if (!out.empty()) out += '.';
        return out.append(key);
    }
};

class Walker {
  public:
    Walker(const spec::ActionSpec& action, const ValidationSettings& opt, Outcome& out, bool query_mode)
        : action_(action),
          opt_(opt),
          out_(out),
          query_mode_(query_mode),
          get_(action.method == "GET"),
          given_stack_(scratch()) {}

    // Fills `dst` (an object of out.value) with the fields found in `in`. `fallback` (a POST action's body,
    // for its query fields) is looked at for a field `in` does not carry; the keys taken from it are not
    // reported as unknown when the body itself is walked.
    // `only` (top level): the fields of that place alone; the others are walked over their own input.
    // `parent`: where `in` sits (nullptr: the top level).
    void object(const std::vector<Field>& fields, const View& in, const Path* parent, Params::Node dst,
                const View* fallback = nullptr, std::optional<spec::Place> only = std::nullopt) {
        const std::size_t base = match(fields, in, parent, only);
        // given(i): this object's match of field i (an index: nested objects may grow the slots).
        auto given = [this, base](std::size_t i) -> Given& { return given_stack_[base + i]; };
        if (fallback && fallback->is_object() &&
            std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return in_place(f, only); })) {
            std::vector<Given> more(fields.size());
            match_into(more.data(), fields, *fallback, parent, false, only);
            for (std::size_t i = 0; i < fields.size(); ++i)
                if (!given(i).value && more[i].value) {
                    given(i) = more[i];
                    taken_from_fallback_.push_back(more[i].key);
                }
        }
        Params& p = out_.value;
        if (!p.is_object(dst)) p.set_object(dst);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const Field& f = fields[i];
            if (!in_place(f, only)) continue;
            std::optional<View> v = given(i).value;
            const Path path{parent, v ? given(i).key : std::string_view(f.name)};
            if (v && absent(f, *v)) v.reset();
            if (!v) {
                if (f.required) {
                    violate(kShape, f, "MissingField", [&] { return path.text() + " is required"; });
                } else if (f.default_value) {
                    fill(f, path, p.add(dst, f.name));
                }
                continue;
            }
            value(f, *v, path, p.add(dst, f.name));
        }
        given_used_ -= fields.size();
    }

    // Query mode: values are strings to convert; unknown parameters are noted with `mark` ("?" on a POST).
    void set_query_mode(bool on, std::string mark) {
        query_mode_ = on;
        unknown_mark_ = std::move(mark);
    }

  private:
    // The key of `in` that carries a field, and how well it matches: the exact name (3) wins over an alias
    // (2), which wins over a case-folded match (1, Validation.CaseInsensitiveKeys).
    struct Given {
        std::optional<View> value;
        std::string_view key;  // in the walked document
        int quality = 0;
    };

    int quality(const Field& f, std::string_view key) const {
        if (f.name == key) return 3;
        if (f.aliases.empty()) return opt_.case_insensitive_keys && iequals(f.name, key) ? 1 : 0;
        for (const auto& a : f.aliases)
            if (a == key) return 2;
        if (!opt_.case_insensitive_keys) return 0;
        if (iequals(f.name, key)) return 1;
        for (const auto& a : f.aliases)
            if (iequals(a, key)) return 1;
        return 0;
    }

    // The fields' matches, in a stack of slots reused across the walk (one allocation per request, not
    // one per object): returns where they start; object() releases them when done.
    std::size_t match(const std::vector<Field>& fields, const View& in, const Path* parent,
                      std::optional<spec::Place> only) {
        const std::size_t base = given_used_;
        if (given_stack_.size() < base + fields.size()) given_stack_.resize(base + fields.size() + 16);
        for (std::size_t i = 0; i < fields.size(); ++i) given_stack_[base + i] = Given{};
        given_used_ += fields.size();
        match_into(given_stack_.data() + base, fields, in, parent, true, only);
        return base;
    }

    void match_into(Given* given, const std::vector<Field>& fields, const View& in, const Path* parent,
                    bool note_unknown, std::optional<spec::Place> only) {
        for (std::size_t k = 0; k < in.size(); ++k) {
            const std::string_view key = in.key(k);
            std::size_t best = fields.size();
            int best_q = 0;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (!in_place(fields[i], only)) continue;
                const int q = quality(fields[i], key);
                if (q > best_q) {
                    best = i;
                    best_q = q;
                    if (q == 3) break;  // the exact name: nothing can match better
                }
            }
            if (best == fields.size()) {
                if (note_unknown && !taken(key)) unknown(Path{parent, key}.text());
                continue;
            }
            Given& g = given[best];
            if (g.value && (g.quality > best_q || g.quality == 3)) continue;  // a better spelling was seen
            g = Given{in[k], key, best_q};
        }
    }

    // Whether a field is walked in this pass (`only`: the top level of a request, one place at a time).
    bool in_place(const Field& f, std::optional<spec::Place> only) const {
        return !only || (get_ ? spec::Place::Query : f.place) == *only;
    }

    bool taken(std::string_view key) const {
        return std::find(taken_from_fallback_.begin(), taken_from_fallback_.end(), key) !=
               taken_from_fallback_.end();
    }

    bool absent(const Field& f, const View& v) const {
        if (v.is_null()) return true;  // as Go's encoding/json: null leaves the field unset
        if (!f.empty_is_absent) return false;
        return (v.is_string() && v.str().empty()) || (v.is_array() && v.size() == 0);
    }

    // A default goes through the same walk, so a default object or list gets its children's defaults.
    void fill(const Field& f, const Path& path, Params::Node dst) {
        bool q = query_mode_;
        query_mode_ = false;
        value(f, f.default_value->root(), path, dst);
        query_mode_ = q;
    }

    void value(const Field& f, const View& v, const Path& path, Params::Node dst) {
        switch (f.type) {
            case Type::String:
                return string_value(f, v, path, dst);
            case Type::Integer:
                return integer_value(f, v, path, dst);
            case Type::Boolean:
                return boolean_value(f, v, path, dst);
            case Type::Object:
                if (!v.is_object()) return wrong_type(f, v, path);
                return object(f.children, v, &path, dst);
            case Type::Array:
                return array_value(f, v, path, dst);
        }
    }

    void string_value(const Field& f, const View& v, const Path& path, Params::Node dst) {
        if (!v.is_string()) return wrong_type(f, v, path);
        const std::string_view s = v.str();
        out_.value.set_string(dst, s);
        if (f.max_length) {
            std::size_t len = (opt_.length_unit == LengthUnit::Characters) ? utf8_length(s) : s.size();
            if (len > *f.max_length)
                violate(kValue, f, "FieldTooLong", [&] {
                    return path.text() + " must be at most " + std::to_string(*f.max_length) +
                           ((opt_.length_unit == LengthUnit::Characters) ? " characters" : " bytes") +
                           " long, got " + std::to_string(len);
                });
        }
        if (!f.pattern.empty() && !matches_pattern(f.pattern, s)) {
            violate(kValue, f, "FieldPatternMismatch",
                    [&] { return path.text() + " must match " + f.pattern_text + ", got " + shown(v); });
        } else if (f.required && s.empty()) {
            violate(kValue, f, "MissingField", [&] { return path.text() + " must not be empty"; });
        }
    }

    void integer_value(const Field& f, const View& v, const Path& path, Params::Node dst) {
        long long n = 0;
        bool too_big = false;
        if (query_mode_ && v.is_string()) {
            if (!strict_integer(v.str(), n)) return wrong_type(f, v, path);
        } else if (v.kind() == Kind::Unsigned) {
            const std::uint64_t u = v.unsigned_value();
            too_big = u > static_cast<unsigned long long>(LLONG_MAX);
            n = too_big ? LLONG_MAX : static_cast<long long>(u);
        } else if (v.kind() == Kind::Integer) {
            n = v.integer();
        } else {
            return wrong_type(f, v, path);
        }
        const bool odd = f.rounding == spec::Rounding::Even && n % 2 != 0 && !too_big && n != LLONG_MAX;
        if (odd && !opt_.check_range_before_rounding) n += round_up() ? 1 : -1;
        const bool off = f.zero_means_off && n == 0 && !too_big;
        if (!off && (too_big || (f.min && n < *f.min) || (f.max && n > *f.max))) {
            violate(kValue, f, "FieldOutOfRange", [&] {
                const std::string range = "[" + (f.min ? std::to_string(*f.min) : "") + "," +
                                          (f.max ? std::to_string(*f.max) : "") + "]";
                return path.text() + " must be " + (f.zero_means_off ? "0 (off) or " : "") + "in " + range +
                       ", got " + (query_mode_ || too_big ? shown(v) : std::to_string(n));
            });
        }
        if (odd && opt_.check_range_before_rounding) n += round_up() ? 1 : -1;
        out_.value.set_integer(dst, n);
    }

    void boolean_value(const Field& f, const View& v, const Path& path, Params::Node dst) {
        if (query_mode_ && v.is_string()) {
            const std::string_view s = v.str();
            if (s == "true" || s == "false") {
                out_.value.set_boolean(dst, s == "true");
                return;
            }
        }
        if (!v.is_boolean()) return wrong_type(f, v, path);
        out_.value.set_boolean(dst, v.boolean());
    }

    void array_value(const Field& f, const View& v, const Path& path, Params::Node dst) {
        if (!v.is_array()) return wrong_type(f, v, path);
        long long limit = f.max_items ? static_cast<long long>(*f.max_items) : -1;
        if (!f.max_items_setting.empty())
            if (auto setting = opt_.named_limit(f.max_items_setting)) limit = *setting;
        if (limit >= 0 && static_cast<long long>(v.size()) > limit)
            violate(kValue, f, "TooManyItems", [&] {
                return path.text() + " must have at most " + std::to_string(limit) +
                       (limit == 1 ? " entry" : " entries") + ", got " + std::to_string(v.size());
            });
        Params& p = out_.value;
        p.set_array(dst);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const Path item{&path, {}, static_cast<long>(i)};
            const View e = v[i];
            const Params::Node out = p.push(dst);
            if (f.string_items) {
                if (!e.is_string() || e.str().empty()) {
                    violate(kShape, f, "WrongFieldType",
                            [&] { return item.text() + " must be a non-empty string, got " + describe(e); });
                    continue;
                }
                p.set_string(out, e.str());
                continue;
            }
            if (!e.is_object()) {
                violate(kShape, f, "WrongFieldType",
                        [&] { return item.text() + " must be an object, got " + describe(e); });
                continue;
            }
            object(f.children, e, &item, out);
        }
    }

    bool round_up() const { return opt_.odd_dimension_rounding == OddRounding::Up; }

    void wrong_type(const Field& f, const View& v, const Path& path) {
        violate(kShape, f, "WrongFieldType",
                [&] { return path.text() + " must be " + expected(f.type) + ", got " + describe(v); });
    }

    void unknown(const std::string& path) {
        out_.unknown_fields.push_back(unknown_mark_ + path);
        if (opt_.reject_unknown_fields && best_ > kShape) {
            best_ = kShape;
            out_.error = ApiError{"UnknownField", path + " is not a parameter of " + action_.name};
        }
    }

    // The first violation of the best (lowest) rank is kept; `message()` is only called for that one.
    template <typename Message>
    void violate(int rank, const Field& f, const char* kind, Message&& message) {
        if (rank >= best_) return;
        best_ = rank;
        out_.error = ApiError{f.reason.empty() ? kind : f.reason, message()};
    }

    const spec::ActionSpec& action_;
    const ValidationSettings& opt_;
    Outcome& out_;
    bool query_mode_;
    const bool get_;  // a GET action: every field is in the query string (spec::ActionSpec::place_of)
    std::string unknown_mark_;
    std::vector<std::string_view> taken_from_fallback_;
    // The slots of match(): per-thread scratch (one walk at a time on a thread), no allocation per request.
    static std::vector<Given>& scratch() {
        thread_local std::vector<Given> slots;
        return slots;
    }
    std::vector<Given>& given_stack_;
    std::size_t given_used_ = 0;
    int best_ = 99;
};

}  // namespace

Outcome validate_document(const spec::ActionSpec& action, std::string_view json,
                          const ValidationSettings& opt) {
    Outcome out;
    std::optional<FlatJson::Error> error;
    const FlatJson doc = FlatJson::parse(json, error);
    if (error || !doc.root().is_object())
        throw std::invalid_argument("validate_document: not a JSON object: " +
                                    std::string(json.substr(0, 200)));
    Walker(action, opt, out, false).object(action.fields, doc.root(), nullptr, 0);
    return out;
}

bool is_gateway_param(const std::string& key) {
    return key == "Action" || key == "Version" || key.rfind("X-", 0) == 0;
}

namespace {

// The body of a POST action as a JSON object, or why it is not one.
std::optional<ApiError> parse_body(const spec::ActionSpec& action, std::string_view body, FlatJson& doc) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return ApiError{"BodyIsEmpty", "the request body is empty; " + action.name + " takes a JSON object"};
    std::optional<FlatJson::Error> error;
    doc = FlatJson::parse(body, error);
    if (error && error->number_too_large)  // e.g. 1e400: a number beyond a double
        return ApiError{"Unmarshal", "the request body holds a number JSON cannot represent; " + action.name +
                                         " takes a JSON object"};
    if (error)
        return ApiError{"Unmarshal", "the request body is not valid JSON (at byte " +
                                         std::to_string(error->byte) + "); " + action.name +
                                         " takes a JSON object"};
    if (!doc.root().is_object())
        return ApiError{"Unmarshal", "the request body must be a JSON object, got " + describe(doc.root())};
    return std::nullopt;
}

}  // namespace

Outcome validate_request(const spec::ActionSpec& action, const QueryParams& query, std::string_view body,
                         const ValidationSettings& opt) {
    Outcome out;
    const bool get = action.method == "GET";
    // The body: required as a JSON object when a field travels in it; otherwise (GET, or a POST whose fields
    // are all in the query string, sent by the Go SDK with an empty body) only an object is looked at, as the
    // place of query fields it leaves out, unless Validation.StrictParamPlaces.
    FlatJson doc;
    if (action.has_body_fields()) {
        if (auto bad = parse_body(action, body, doc)) {
            out.error = std::move(bad);
            return out;
        }
    } else if (!get && !opt.strict_param_places && parse_body(action, body, doc)) {
        doc = FlatJson();  // anything but a JSON object is ignored
    }
    const bool body_object = !doc.empty() && doc.root().is_object();

    for (const auto& f : action.fields)
        if ((get || f.place == spec::Place::Query) && (f.type == Type::Object || f.type == Type::Array))
            throw std::logic_error(
                action.name + "." + f.name +
                ": a query parameter is a scalar (GET actions take scalar parameters only)");
    const FlatJson params = FlatJson::from_strings(query, is_gateway_param);

    Walker walk(action, opt, out, true);
    // The query first (its fields may take their value from the body), its unknown parameters noted after
    // the body's ("?Extra" on a POST, as sent).
    walk.set_query_mode(true, get ? "" : "?");
    const bool fallback = !get && !opt.strict_param_places && body_object;
    const View body_view = body_object ? doc.root() : params.root();
    walk.object(action.fields, params.root(), nullptr, 0, fallback ? &body_view : nullptr,
                spec::Place::Query);
    std::vector<std::string> query_unknown = std::move(out.unknown_fields);
    out.unknown_fields.clear();
    if (!get) {
        walk.set_query_mode(false, "");
        if (body_object) walk.object(action.fields, doc.root(), nullptr, 0, nullptr, spec::Place::Body);
    }
    for (auto& u : query_unknown) out.unknown_fields.push_back(std::move(u));
    return out;
}

Outcome validate_body(const spec::ActionSpec& action, std::string_view body, const ValidationSettings& opt) {
    return validate_request(action, QueryParams{}, body, opt);
}

Outcome validate_query(const spec::ActionSpec& action, const QueryParams& query,
                       const ValidationSettings& opt) {
    return validate_request(action, query, std::string_view(), opt);
}

}  // namespace rtc::validation
