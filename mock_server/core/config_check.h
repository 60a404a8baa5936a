// The checks of a parsed config that need the actions the mock serves: the action names in RateLimits and in
// Actions.Versions must name one (a misspelt GetWebcastTask would be a setting that silently never applies).
// MockService runs it once its actions are registered, so every way of loading a config is checked.
#pragma once

namespace rtc {

struct Config;
class ActionRegistry;

// Throws ConfigError ("file: field: problem").
void check_config(const Config& config, const ActionRegistry& actions);

}  // namespace rtc
