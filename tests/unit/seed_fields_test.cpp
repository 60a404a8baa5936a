// The action declarations (rtc::spec::action_specs()) checked against the request tables as the two seed
// pages publish them (fixtures/seed-tables/*.json, copies of the pages' Body tables, see its README). Each
// published row is read for its name, type, 是/否, range, default, unit, even rule, length, list size and ID
// rule, and compared with the declaration: a declaration that drifts from the page fails here. Where the page
// is silent the declaration's choice is not checked (docs/service-facts.md §4 lists those choices).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "core/actions/spec.h"

using namespace rtc::spec;
using nlohmann::json;

namespace {

struct PublishedRow {
    std::string path;      // "VideoSolutions[].Width", as the declarations are flattened below
    std::string type;      // String, Integer, Boolean, Object, Object[]
    std::string required;  // 是 / 否
    std::string text;      // the description without HTML tags and Markdown marks
};

struct PublishedPage {
    std::string file;
    std::string action, version, method;  // from the request address and method lines
    std::string rate_line;
    std::vector<PublishedRow> rows;  // in the page's order, parents before children
};

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// The published text as a reader sees it: tags dropped, entities decoded, Markdown marks removed.
std::string plain(std::string s) {
    s = std::regex_replace(s, std::regex("<[^>]*>"), "");
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&quot;", "\""},
                                                                                   {"&lt;", "<"},
                                                                                   {"&gt;", ">"},
                                                                                   {"&amp;", "&"},
                                                                                   {"**", ""},
                                                                                   {"`", ""},
                                                                                   {"\\_", "_"}})
        replace_all(s, from, to);
    return s;
}

void read_rows(const json& rows, const std::string& prefix, std::vector<PublishedRow>& out) {
    for (const auto& r : rows) {
        PublishedRow row{prefix + r.at("name").get<std::string>(), r.at("type").get<std::string>(),
                         r.at("required").get<std::string>(), plain(r.at("description").get<std::string>())};
        out.push_back(row);
        if (r.contains("children"))
            read_rows(r["children"], row.path + (row.type == "Object[]" ? "[]." : "."), out);
    }
}

PublishedPage load_page(const std::string& file) {
    std::ifstream in(std::string(RTC_SOURCE_DIR) + "/fixtures/seed-tables/" + file, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const json doc = json::parse(ss.str());
    PublishedPage page;
    page.file = file;
    std::smatch m;
    const std::string url = plain(doc.at("RequestURL").get<std::string>());
    REQUIRE(std::regex_search(url, m, std::regex("Action=([A-Za-z]+)&Version=([0-9-]+)")));
    page.action = m[1];
    page.version = m[2];
    const std::string method = plain(doc.at("Method").get<std::string>());
    REQUIRE(std::regex_search(method, m, std::regex("(GET|POST)")));
    page.method = m[1];
    page.rate_line = plain(doc.at("RateLimit").get<std::string>());
    read_rows(doc.at("Body"), "", page.rows);
    REQUIRE_FALSE(page.rows.empty());
    return page;
}

void flatten(const std::vector<Field>& fields, const std::string& prefix,
             std::map<std::string, const Field*>& out) {
    for (const auto& f : fields) {
        out[prefix + f.name] = &f;
        flatten(f.children, prefix + f.name + (f.type == Type::Array ? "[]." : "."), out);
    }
}

std::map<std::string, const Field*> declared_fields(const std::string& action) {
    const ActionSpec* a = find_action_spec(action);
    REQUIRE(a);
    std::map<std::string, const Field*> out;
    flatten(a->fields, "", out);
    return out;
}

bool has(const std::string& text, const char* what) {
    return text.find(what) != std::string::npos;
}

// "范围为 [50,1920]", "取值范围为[0,10000]", "取值范围为 [10,86400]".
std::optional<std::pair<long long, long long>> published_range(const std::string& text) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex("\\[\\s*(-?[0-9]+)\\s*,\\s*(-?[0-9]+)\\s*\\]")))
        return std::nullopt;
    return std::make_pair(std::stoll(m[1]), std::stoll(m[2]));
}

// "默认值为 1280", "默认值 0", "默认值为0", "默认值为false".
std::optional<json> published_default(const std::string& text) {
    const std::string marker = "默认值";
    std::size_t at = text.find(marker);
    if (at == std::string::npos) return std::nullopt;
    std::string rest = text.substr(at + marker.size());
    if (rest.rfind("为", 0) == 0) rest = rest.substr(std::string("为").size());
    std::smatch m;
    if (!std::regex_search(rest, m, std::regex("^\\s*(true|false|-?[0-9]+)"))) return std::nullopt;
    if (m[1] == "true" || m[1] == "false") return json(m[1] == "true");
    return json(std::stoll(m[1]));
}

// "单位为秒", "单位为像素", "单位为 帧/秒", "单位为 Kbps" -> the declaration's unit.
std::string published_unit(const std::string& text) {
    if (has(text, "帧/秒")) return "fps";
    if (has(text, "Kbps")) return "kbps";
    if (has(text, "单位为像素")) return "px";
    if (has(text, "单位为秒")) return "s";
    return "";
}

// "总体长度不超过 1024".
std::optional<std::size_t> published_length(const std::string& text) {
    const std::string marker = "长度不超过";
    std::size_t at = text.find(marker);
    if (at == std::string::npos) return std::nullopt;
    std::smatch m;
    const std::string rest = text.substr(at + marker.size());
    if (!std::regex_search(rest, m, std::regex("^\\s*([0-9]+)"))) return std::nullopt;
    return static_cast<std::size_t>(std::stoull(m[1]));
}

// "关于 TaskId 及以上 Id 字段的命名规则符合正则表达式：[a-zA-Z0-9_@\-\.]{1,128}": the regex and the rows it
// governs (that row and every ID row above it).
std::map<std::string, std::string> published_id_rules(const PublishedPage& page) {
    const std::string marker = "正则表达式：";
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < page.rows.size(); ++i) {
        std::size_t at = page.rows[i].text.find(marker);
        if (at == std::string::npos) continue;
        std::smatch m;
        const std::string rest = page.rows[i].text.substr(at + marker.size());
        REQUIRE(std::regex_search(rest, m, std::regex("^\\s*(\\S+)")));
        for (std::size_t j = 0; j <= i; ++j) {
            const std::string& name = page.rows[j].path;
            if (name.size() > 2 && name.compare(name.size() - 2, 2, "Id") == 0) out[name] = m[1];
        }
    }
    return out;
}

void check_row(const PublishedRow& row, const Field& f, const std::map<std::string, std::string>& id_rules) {
    INFO("published row " << row.path << " | " << row.type << " | " << row.required << " | " << row.text);
    CHECK(type_name(f.type) == row.type);
    REQUIRE((row.required == "是" || row.required == "否"));
    CHECK(f.required == (row.required == "是"));

    const auto def = published_default(row.text);
    if (def) {
        REQUIRE(f.default_value);
        CHECK(f.default_json() == *def);
    }
    const auto range = published_range(row.text);
    if (range) {
        CHECK(f.min == range->first);
        CHECK(f.max == range->second);
        // "默认值为0，表示不启用" with 0 outside the range: 0 is accepted as "off" besides the range.
        const bool zero_off_outside =
            has(row.text, "不启用") && def && *def == json(0) && (range->first > 0 || range->second < 0);
        CHECK(f.zero_means_off == zero_off_outside);
    } else {
        CHECK_FALSE(f.min);
        CHECK_FALSE(f.max);
    }
    CHECK(f.unit == published_unit(row.text));
    CHECK((f.rounding == Rounding::Even) == has(row.text, "偶数"));
    if (const auto len = published_length(row.text)) CHECK(f.max_length == *len);
    if (row.type == "Object[]") {
        if (has(row.text, "两路")) CHECK(f.max_items == 2u);  // one or two streams
        if (has(row.text, "为空时按默认值填充一路")) {        // empty: one entry of defaults
            CHECK(f.empty_is_absent);
            REQUIRE(f.default_value);
            CHECK(f.default_json().size() == 1u);
        }
    }
    auto rule = id_rules.find(row.path);
    if (rule != id_rules.end()) CHECK(f.pattern == rule->second);
}

void check_page(const std::string& file) {
    const PublishedPage page = load_page(file);
    INFO(file << " (" << page.action << ")");
    const auto declared = declared_fields(page.action);
    const auto id_rules = published_id_rules(page);
    CHECK_FALSE(id_rules.empty());

    std::set<std::string> published_paths, declared_paths;
    for (const auto& row : page.rows) published_paths.insert(row.path);
    for (const auto& [path, f] : declared) declared_paths.insert(path);
    CHECK(declared_paths == published_paths);

    for (const auto& row : page.rows) {
        auto it = declared.find(row.path);
        if (it == declared.end()) continue;  // reported by the set comparison
        check_row(row, *it->second, id_rules);
    }
}

}  // namespace

TEST_CASE(
    "every Body row the StartWebcast page publishes is declared with its type, requiredness, range, default, "
    "unit, even rule, length and list size, and nothing else is declared",
    "[seed]") {
    check_page("StartWebcast.json");
}

TEST_CASE(
    "every Body row the StartWBRecord page publishes is declared with its type, requiredness and ID rule",
    "[seed]") {
    check_page("StartWBRecord.json");
}

TEST_CASE("each seed page's request method, version and request rate are its action's declaration",
          "[seed]") {
    for (const char* file : {"StartWebcast.json", "StartWBRecord.json"}) {
        const PublishedPage page = load_page(file);
        INFO(file << ": " << page.rate_line);
        const ActionSpec* a = find_action_spec(page.action);
        REQUIRE(a);
        CHECK(a->method == page.method);
        // The page's version is one the action is declared at (the first: the task actions are published at
        // 2023-11-01 too, docs/service-facts.md §6).
        REQUIRE_FALSE(a->versions.empty());
        CHECK(a->versions.front() == page.version);
        std::smatch m;
        REQUIRE(std::regex_search(page.rate_line, m, std::regex("([0-9]+)")));
        CHECK(a->rate_limit == std::stoi(m[1]));
    }
}

TEST_CASE(
    "StopWebcast and GetWebCastTask name their task with StartWebcast's published ID rows, StopWBRecord with "
    "StartWBRecord's",
    "[seed]") {
    const std::map<std::string, std::pair<std::string, std::vector<std::string>>> uses = {
        {"StopWebcast", {"StartWebcast.json", {"AppId", "RoomId", "TaskId"}}},
        {"GetWebCastTask", {"StartWebcast.json", {"AppId", "RoomId", "TaskId"}}},
        {"StopWBRecord", {"StartWBRecord.json", {"AppId", "RoomId", "TaskId", "UserId"}}},
    };
    for (const auto& [action, use] : uses) {
        INFO(action << " against " << use.first);
        const PublishedPage page = load_page(use.first);
        const auto id_rules = published_id_rules(page);
        const auto declared = declared_fields(action);
        CHECK(declared.size() == use.second.size());
        for (const auto& name : use.second) {
            auto it = declared.find(name);
            REQUIRE(it != declared.end());
            for (const auto& row : page.rows)
                if (row.path == name) check_row(row, *it->second, id_rules);
        }
    }
}
