#include "core/actions/settings.h"

#include <algorithm>
#include <cctype>

#include "core/config_reader.h"
#include "core/enum_names.h"

namespace rtc {

namespace {
constexpr EnumName<OddRounding> kRoundings[] = {{OddRounding::Down, "down"}, {OddRounding::Up, "up"}};
constexpr EnumName<LengthUnit> kLengthUnits[] = {{LengthUnit::Bytes, "bytes"},
                                                 {LengthUnit::Characters, "characters"}};
}  // namespace

std::optional<long long> ValidationSettings::named_limit(std::string_view setting) const {
    if (setting == "Validation.MaxVideoSolutions") return max_video_solutions;
    return std::nullopt;
}

void parse_validation_settings(const ConfigField& f, ValidationSettings& out) {
    f.only_keys({"OddDimensionRounding", "MaxVideoSolutions", "CheckRangeBeforeRounding",
                 "CaseInsensitiveKeys", "RejectUnknownFields", "LengthUnit", "StrictParamPlaces"});
    f.get("CheckRangeBeforeRounding", out.check_range_before_rounding);
    f.get("CaseInsensitiveKeys", out.case_insensitive_keys);
    f.get("RejectUnknownFields", out.reject_unknown_fields);
    f.get("StrictParamPlaces", out.strict_param_places);
    if (f.has("LengthUnit")) out.length_unit = f["LengthUnit"].one_of(kLengthUnits);
    if (f.has("OddDimensionRounding"))
        out.odd_dimension_rounding = f["OddDimensionRounding"].one_of(kRoundings);
    f.get("MaxVideoSolutions", out.max_video_solutions, 1, 100);
}

// "Versions": {"StartWebcast": ["2020-12-01", "2023-11-01"]}: the versions each named action answers.
void parse_action_settings(const ConfigField& f, ActionSettings& out) {
    f.only_keys({"Versions"});
    if (!f.has("Versions")) return;
    auto m = f["Versions"];
    m.expect_object();
    for (const auto& action : m.keys()) {
        auto list = m[action.c_str()];
        list.expect_array();
        std::vector<std::string>& versions = out.versions[action];
        for (std::size_t i = 0; i < list.size(); ++i) {
            std::string v = list.at(i).str();
            const bool dated =
                v.size() == 10 && v[4] == '-' && v[7] == '-' && std::all_of(v.begin(), v.end(), [](char c) {
                    return c == '-' || std::isdigit(static_cast<unsigned char>(c));
                });
            if (!dated) list.at(i).fail("must be a version such as 2023-11-01");
            if (std::find(versions.begin(), versions.end(), v) != versions.end())
                list.at(i).fail("repeats version " + v);
            versions.push_back(std::move(v));
        }
    }
}

}  // namespace rtc
