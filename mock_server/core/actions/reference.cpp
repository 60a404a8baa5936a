#include "core/actions/reference.h"

#include <sstream>

namespace rtc::spec {

namespace {

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string default_text(const Field& f) {
    if (!f.default_value) return "";
    const nlohmann::json d = f.default_json();
    if (f.type == Type::Array && d.is_array() && d.size() == 1 && d[0].empty())
        return "one entry of defaults";
    if (f.type == Type::Object && d.is_object() && d.empty()) return "all defaults";
    return "`" + d.dump() + "`";
}

void rows(std::ostringstream& os, const std::vector<Field>& fields, const std::string& prefix) {
    for (const auto& f : fields) {
        const std::string path = prefix + f.name;
        os << "| `" << path << "` | " << (f.string_items ? "String[]" : type_name(f.type)) << " | "
           << (f.required ? "yes" : "no") << " | " << cell(describe_rule(f)) << " | " << cell(default_text(f))
           << " | " << cell(f.note) << " | " << cell(f.doc) << " |\n";
        rows(os, f.children, path + (f.type == Type::Array ? "[]." : "."));
    }
}

// Where the parameters travel: "JSON body", "parameters in the query string", or both, naming the query ones.
std::string places(const ActionSpec& a) {
    if (a.method == "GET") return "parameters in the query string";
    std::string query;
    for (const auto& f : a.fields)
        if (a.place_of(f) == Place::Query) query += (query.empty() ? "" : ", ") + f.name;
    if (query.empty()) return "JSON body";
    if (!a.has_body_fields()) return "parameters in the query string: " + query + "; the body is empty";
    return "JSON body; " + query + " in the query string";
}

}  // namespace

std::string describe_rule(const Field& f) {
    std::vector<std::string> parts;
    if (f.min || f.max) {
        std::string r =
            "[" + (f.min ? std::to_string(*f.min) : "") + "," + (f.max ? std::to_string(*f.max) : "") + "]";
        if (!f.unit.empty()) r += " " + f.unit;
        parts.push_back(f.zero_means_off ? "0 (off) or " + r : r);
    }
    if (f.rounding == Rounding::Even) parts.push_back("odd -> even");
    if (!f.pattern_text.empty()) parts.push_back("`" + f.pattern_text + "`");
    if (f.max_length) parts.push_back("length <= " + std::to_string(*f.max_length));
    if (f.max_items) {
        std::string s = "at most " + std::to_string(*f.max_items) + " entries";
        if (!f.max_items_setting.empty()) s += " (" + f.max_items_setting + ")";
        parts.push_back(s);
    }
    if (f.empty_is_absent) parts.push_back(f.type == Type::Array ? "[] = absent" : "\"\" = absent");
    if (!f.reason.empty()) parts.push_back("error reason " + f.reason);
    for (const auto& a : f.aliases) parts.push_back("also accepted as `" + a + "`");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

std::string render_reference_markdown(const std::vector<ActionSpec>& specs) {
    std::ostringstream os;
    os << "# Action reference (generated)\n\n"
       << "Rendered from the declarations in `mock_server/core/webcast/spec.cpp`, "
          "`mock_server/core/wbrecord/spec.cpp` and `mock_server/core/callbacks/spec.cpp` by `rtc-mock "
          "--print-reference`. Do not edit by hand: a unit test fails when this file and the declarations "
          "differ. How to read it: `docs/actions.md`.\n";
    for (const auto& a : specs) {
        os << "\n## " << a.name << "\n\n";
        if (!a.summary.empty()) os << a.summary << "\n\n";
        os << "- Method: `" << a.method << "` (" << places(a) << ")\n";
        os << "- Versions: ";
        for (std::size_t i = 0; i < a.versions.size(); ++i)
            os << (i ? ", " : "") << "`" << a.versions[i] << "`";
        os << " (`Actions.Versions` in the config changes them)\n";
        os << "- Rate limit: " << a.rate_limit << " requests per rolling second per account ("
           << a.rate_limit_doc << ")\n";
        os << "- Source: `" << a.seed << "`\n";
        for (const auto& r : a.rules) os << "- " << r << "\n";
        os << "\n| Field | Type | Required | Rule | Default | Mock's choice | Seed line |\n"
           << "| --- | --- | --- | --- | --- | --- | --- |\n";
        rows(os, a.fields, "");
    }
    return os.str();
}

}  // namespace rtc::spec
