// rtc-mock's flags, each declared once in one table (mock_flags.cpp) with its default, its help and its
// variable (RTC_MOCK_<FLAG>): the server and `rtc-mock healthcheck` parse them alike, --help prints them, and
// the README shows that --help (an e2e test keeps the two equal).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"
#include "core/clock.h"
#include "core/pages_settings.h"
#include "http/server_options.h"

namespace rtc {

struct MockFlags {
    ServerOptions server;
    std::string config;  // "": the embedded default fixture
    ClockKind clock = ClockKind::Real;
    std::optional<Renderer> pages;     // unset: the config's Pages.Renderer
    std::optional<std::string> state;  // unset: the config's State.Url
};

// The table, writing into `flags`. Its actions (--help, --version, --print-reference, --print-default-config)
// print and exit 0.
std::vector<cli::Option> mock_options(MockFlags& flags);

// The command line from argv[first] on, then the variables of the flags it did not give (from `env`, else the
// process's own). A mistake exits with `exit_code` and one line naming the flag or the variable.
MockFlags parse_mock_flags(const std::string& program, int argc, char** argv, int first, int exit_code,
                           const cli::Environment& env = nullptr);

// The whole --help text.
std::string mock_usage();

}  // namespace rtc
