#include "app/mock_flags.h"

#include <cstdio>
#include <cstdlib>

#include "build_info/default_fixture.h"
#include "build_info/version.h"
#include "core/actions/reference.h"
#include "core/state/redis/address.h"

namespace rtc {

namespace {

const cli::Program kProgram{"rtc-mock", "RTC_MOCK_", 2};

[[noreturn]] void print_and_exit(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::exit(0);
}

}  // namespace

std::vector<cli::Option> mock_options(MockFlags& f) {
    const ServerOptions defaults;
    std::vector<cli::Option> table = {
        cli::value("--host", "ADDR", defaults.host,
                   "address to bind (`rtc-mock healthcheck` asks 127.0.0.1 for 0.0.0.0, ::1 for ::)",
                   [&f](const std::string& v) { return cli::parse_non_empty(v, f.server.host); }),
        cli::value("--port", "N", std::to_string(defaults.port), "port to bind, 0 picks a free one",
                   [&f](const std::string& v) { return cli::parse_int(v, 0, 65535, f.server.port); }),
        cli::value("--config", "FILE", "the built-in fixtures/default.json",
                   "fixture and settings; without it the copy built into the binary is served, from any "
                   "directory",
                   [&f](const std::string& v) {
                       f.config = v;  // "" as before: the built-in fixture
                       return std::string();
                   }),
        cli::value("--clock", "real|virtual", to_string(ClockKind::Real),
                   "virtual: time moves only by POST /_mock/clock/advance",
                   [&f](const std::string& v) -> std::string {
                       const auto parsed = clock_kind_from(v);
                       if (!parsed) return "must be real or virtual, got \"" + v + "\"";
                       f.clock = *parsed;
                       return "";
                   }),
        cli::value("--pages", "scripted|chromium", "the config's Pages.Renderer, scripted",
                   "Webcast pages simulated, or each SourceURL opened in headless Chromium (real clock only; "
                   "docs/pages.md)",
                   [&f](const std::string& v) -> std::string {
                       f.pages = renderer_from(v);
                       if (!f.pages) return "must be scripted or chromium, got \"" + v + "\"";
                       return "";
                   }),
        cli::value("--state", "URL", "the config's State.Url, memory",
                   "where state lives: memory, redis://HOST:PORT[/DB] or unix:///PATH; every process on one "
                   "Redis answers as one service (docs/replicas.md)",
                   [&f](const std::string& v) -> std::string {
                       if (v.empty()) return "must not be empty";
                       std::string error;
                       if (v != "memory" && !state::redis::parse_address(v, error))
                           return "is not a state URL: " + error;
                       f.state = v;
                       return "";
                   }),
        cli::value("--admin-token", "TOKEN", "none: loopback clients only",
                   "require Authorization: Bearer TOKEN on /_mock/ and accept non-loopback admin clients",
                   [&f](const std::string& v) { return cli::parse_non_empty(v, f.server.admin_token); }),
        cli::value("--threads", "N", std::to_string(defaults.threads),
                   "most connections served at once, one worker each, started on demand",
                   [&f](const std::string& v) { return cli::parse_int(v, 1, 4096, f.server.threads); }),
        cli::value("--event-streams", "N", std::to_string(defaults.event_streams),
                   "most inspector event streams (GET /_mock/events) open at once, one worker each; past it "
                   "the stream is refused with 503; 0 turns the stream off",
                   [&f](const std::string& v) { return cli::parse_int(v, 0, 64, f.server.event_streams); }),
        cli::value("--log-format", "text|json", "text", "log lines: text on stderr, or JSON on stdout",
                   [&f](const std::string& v) -> std::string {
                       const auto parsed = log_format_from(v);
                       if (!parsed) return "must be text or json, got \"" + v + "\"";
                       f.server.log_format = *parsed;
                       return "";
                   }),
        cli::toggle("--verbose", "off", "log every API request", [&f](bool on) { f.server.verbose = on; }),
        cli::action("--print-reference",
                    "print the action reference (docs/reference.md) rendered from the declarations and exit",
                    [] { print_and_exit(spec::render_reference_markdown(spec::action_specs())); }),
        cli::action("--print-default-config",
                    "print the built-in default fixture (a starting point for your own --config) and exit",
                    [] {
                        auto text = embedded::default_fixture();
                        print_and_exit(std::string(text.data(), text.size()));
                    }),
        cli::action("--version", "print the version (and the git commit it was built from) and exit",
                    [] { print_and_exit(build_info::version_line("rtc-mock") + "\n"); }),
        cli::action("--help", "print this and exit", [] { print_and_exit(mock_usage()); }),
    };
    table.back().aliases = {"-h"};
    return table;
}

MockFlags parse_mock_flags(const std::string& program, int argc, char** argv, int first, int exit_code,
                           const cli::Environment& env) {
    MockFlags flags;
    const auto table = mock_options(flags);
    cli::parse_options({program, kProgram.variable_prefix, exit_code}, table, argc, argv, first, env);
    return flags;
}

std::string mock_usage() {
    MockFlags unused;
    return "usage: rtc-mock [flags]               serve the API, and the admin API on /_mock/\n"
           "       rtc-mock healthcheck [flags]   ask GET /_mock/health of the mock these flags and "
           "variables\n"
           "                                      describe: exit 0 on HTTP 200, else 1 with what it got (2 "
           "s\n"
           "                                      at most; the admin token is sent when one is set)\n"
           "       rtc-mock healthcheck --from-server\n"
           "                                      the same for the rtc-mock server running beside it (this\n"
           "                                      user's one): its own flags and variables say where it\n"
           "                                      listens (the container image's HEALTHCHECK)\n"
           "\n"
           "Each setting is also read from its variable when its flag is not given: a flag wins over its\n"
           "variable, an empty variable counts as unset, --verbose's reads 1/true/yes/on or 0/false/no/off.\n"
           "\n" +
           cli::render_options(kProgram, mock_options(unused));
}

}  // namespace rtc
