// Every field of both seed pages (and API.md section 4 for the actions without a seed), written by hand from
// the pages, compared with the declarations: a field, type, required flag, range or default that the
// declarations lose or change fails here.
#include <catch2/catch.hpp>

#include <map>
#include <optional>

#include "core/actions/spec.h"

using namespace rtc::spec;
using nlohmann::json;

namespace {

struct SeedRow {
    std::string path;  // "VideoSolutions[].Width"
    std::string type;  // as the seed writes it: String, Integer, Boolean, Object, Object[]
    bool required;
    std::optional<long long> min, max;
    bool zero_off = false;
    std::optional<json> def;

    SeedRow(std::string p, std::string t, bool r, std::optional<long long> lo = std::nullopt,
            std::optional<long long> hi = std::nullopt, bool z = false, std::optional<json> d = std::nullopt)
        : path(std::move(p)),
          type(std::move(t)),
          required(r),
          min(lo),
          max(hi),
          zero_off(z),
          def(std::move(d)) {}
};

const std::optional<long long> none;

// 003_ee78df9dd30827d9.txt, Body table (StartWebcast).
const std::vector<SeedRow> kStartWebcast = {
    {"AppId", "String", true, none, none},
    {"BusinessId", "String", false, none, none},
    {"RoomId", "String", true, none, none},
    {"TaskId", "String", true, none, none},
    {"UserId", "String", true, none, none},
    {"SourceURL", "String", true, none, none},
    {"VideoSolutions", "Object[]", false, none, none},
    {"VideoSolutions[].Width", "Integer", false, 50, 1920, false, json(1280)},
    {"VideoSolutions[].Height", "Integer", false, 50, 1080, false, json(720)},
    {"VideoSolutions[].FrameRate", "Integer", false, 1, 60, false, json(15)},
    {"VideoSolutions[].Bitrate", "Integer", false, 0, 10000, false, json(0)},
    {"MaxRunningTime", "Integer", false, 10, 86400, false, json(86400)},
    {"MonitorConfig", "Object", false, none, none},
    {"MonitorConfig.FreezeCheckInterval", "Integer", false, 2, 30, true, json(0)},
    {"MonitorConfig.BlankCheckInterval", "Integer", false, 2, 30, true, json(0)},
    {"MonitorConfig.CrashCheckInterval", "Integer", false, 0, 30, false, json(0)},
    {"EventNotifyConfig", "Object", false, none, none},
    {"EventNotifyConfig.EnableEventNotify", "Boolean", false, none, none, false, json(false)},
    {"EventNotifyConfig.StartTimeout", "Integer", false, 0, 60, false, json(0)},
};

// 000_bc1e2d560ec5fedc.txt, Body table (StartWBRecord).
const std::vector<SeedRow> kStartWBRecord = {
    {"AppId", "String", true, none, none},  {"RoomId", "String", true, none, none},
    {"TaskId", "String", true, none, none}, {"BusinessId", "String", false, none, none},
    {"UserId", "String", true, none, none}, {"SourceURL", "String", false, none, none},
};

// API.md section 4 (no seed page).
const std::vector<SeedRow> kTaskKey = {
    {"AppId", "String", true, none, none},
    {"RoomId", "String", true, none, none},
    {"TaskId", "String", true, none, none},
};
std::vector<SeedRow> with_user(std::vector<SeedRow> rows) {
    rows.push_back({"UserId", "String", true, none, none});
    return rows;
}

void flatten(const std::vector<Field>& fields, const std::string& prefix,
             std::map<std::string, const Field*>& out) {
    for (const auto& f : fields) {
        out[prefix + f.name] = &f;
        flatten(f.children, prefix + f.name + (f.type == Type::Array ? "[]." : "."), out);
    }
}

void compare(const std::string& action, const std::vector<SeedRow>& rows) {
    const ActionSpec* a = find_action_spec(action);
    REQUIRE(a);
    std::map<std::string, const Field*> declared;
    flatten(a->fields, "", declared);
    CHECK(declared.size() == rows.size());
    for (const auto& row : rows) {
        INFO(action << " " << row.path);
        auto it = declared.find(row.path);
        REQUIRE(it != declared.end());
        const Field& f = *it->second;
        CHECK(type_name(f.type) == row.type);
        CHECK(f.required == row.required);
        CHECK(f.min == row.min);
        CHECK(f.max == row.max);
        CHECK(f.zero_means_off == row.zero_off);
        if (row.def) {
            REQUIRE(f.default_value);
            CHECK(*f.default_value == *row.def);
        }
        CHECK_FALSE(f.doc.empty());
    }
}

}  // namespace

TEST_CASE("every field of the StartWebcast seed is declared with its type, requiredness, range and default",
          "[seed]") {
    compare("StartWebcast", kStartWebcast);
}

TEST_CASE("every field of the StartWBRecord seed is declared with its type and requiredness", "[seed]") {
    compare("StartWBRecord", kStartWBRecord);
}

TEST_CASE("StopWebcast, GetWebCastTask and StopWBRecord declare the fields API.md lists", "[seed]") {
    compare("StopWebcast", kTaskKey);
    compare("GetWebCastTask", kTaskKey);
    compare("StopWBRecord", with_user(kTaskKey));
}

TEST_CASE(
    "the seeds' other facts are declared: ID rule, SourceURL length, list size, even dimensions, methods, "
    "rate limits",
    "[seed]") {
    const ActionSpec* sw = find_action_spec("StartWebcast");
    std::map<std::string, const Field*> f;
    flatten(sw->fields, "", f);
    for (const char* id : {"AppId", "RoomId", "TaskId", "UserId", "BusinessId"})
        CHECK(f.at(id)->pattern_text == "[a-zA-Z0-9_@\\-\\.]{1,128}");
    CHECK(f.at("SourceURL")->max_length == 1024u);
    CHECK(f.at("VideoSolutions")->max_items == 2u);
    CHECK(f.at("VideoSolutions[].Width")->rounding == Rounding::Even);
    CHECK(f.at("VideoSolutions[].Height")->rounding == Rounding::Even);
    CHECK(f.at("VideoSolutions[].FrameRate")->rounding == Rounding::None);

    const std::map<std::string, std::pair<std::string, int>> methods = {
        {"StartWebcast", {"POST", 150}}, {"StopWebcast", {"POST", 150}}, {"GetWebCastTask", {"GET", 60}},
        {"StartWBRecord", {"POST", 10}}, {"StopWBRecord", {"POST", 10}},
    };
    // Besides the five actions of the seeds and API.md section 4, only the callback configuration actions of
    // API.md section 5 are declared.
    for (const auto& a : action_specs()) CHECK((methods.count(a.name) == 1 || a.seed == "API.md section 5"));
    for (const auto& [name, mr] : methods) {
        INFO(name);
        REQUIRE(find_action_spec(name));
        CHECK(find_action_spec(name)->method == mr.first);
        CHECK(find_action_spec(name)->rate_limit == mr.second);
        CHECK(find_action_spec(name)->version == "2020-12-01");
    }
    const ActionSpec* wb = find_action_spec("StartWBRecord");
    std::map<std::string, const Field*> w;
    flatten(wb->fields, "", w);
    for (const char* id : {"AppId", "RoomId", "TaskId", "UserId", "BusinessId"})
        CHECK(w.at(id)->pattern_text == "[a-zA-Z0-9_@\\-\\.]{1,128}");
}
