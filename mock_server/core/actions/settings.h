// Settings of request validation (config section `Validation`) and of which versions each action answers
// (`Actions`): the choices of docs/service-facts.md §4 and §6. Data only; the action names are checked
// against the served actions by check_config (core/config_check.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtc {

class ConfigField;

enum class OddRounding { Down, Up };          // 1279 -> 1278, or 1279 -> 1280
enum class LengthUnit { Bytes, Characters };  // UTF-8 bytes, or code points

struct ValidationSettings {
    OddRounding odd_dimension_rounding = OddRounding::Down;
    int max_video_solutions = 2;
    bool check_range_before_rounding = true;     // 1921 rejected (true) or rounded to 1920 first (false)
    bool case_insensitive_keys = true;           // body keys match declarations case-insensitively (Go)
    bool reject_unknown_fields = false;          // the real service ignores them; the journal notes them
    LengthUnit length_unit = LengthUnit::Bytes;  // what max_length counts
    // A field only where it is declared (query or body); off, a POST action's query field left out of the
    // query is also looked for in a JSON body (DeleteCallback's earlier body form).
    bool strict_param_places = false;

    // The value of a setting a declaration names as the source of a limit (spec::Field::max_items_setting,
    // e.g. "Validation.MaxVideoSolutions"); nullopt for a name that is not one.
    std::optional<long long> named_limit(std::string_view setting) const;
};

// Which versions each action is served at, beyond its declaration (docs/service-facts.md §6).
struct ActionSettings {
    // Action -> the versions it answers (replaces the declared list; empty = not served at all).
    std::map<std::string, std::vector<std::string>> versions;
};

void parse_validation_settings(const ConfigField& f, ValidationSettings& out);
void parse_action_settings(const ConfigField& f, ActionSettings& out);

}  // namespace rtc
