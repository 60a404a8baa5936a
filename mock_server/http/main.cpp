// rtc-mock: the command line (README.md, "Running the mock"). Bad flags and bad configs exit 2 with one line
// on stderr. Without --config the default fixture compiled into the binary is served, from any directory.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "build_info/default_fixture.h"
#include "build_info/version.h"
#include "cli/flags.h"
#include "core/actions/reference.h"
#include "core/config.h"
#include "core/config_reader.h"
#include "core/service.h"
#include "core/state/redis/address.h"
#include "core/state/unavailable.h"
#include "http/callback_sender.h"
#include "http/server.h"
#include "pages/page_source_factory.h"

namespace {

// Above this many stored tasks, the process ends without freeing them (see the end of main).
constexpr std::size_t kFreeOnExitTasks = 10000;

struct Flags {
    rtc::ServerOptions server;
    std::string config;  // "": the embedded default fixture
    rtc::ClockKind clock = rtc::ClockKind::Real;
    std::optional<rtc::Renderer> pages;  // unset: the config's Pages.Renderer
    std::optional<std::string> state;    // unset: RTC_MOCK_STATE, else the config's State.Url
};

const char* kUsage =
    "usage: rtc-mock [flags]\n"
    "  --host ADDR          address to bind (default 127.0.0.1)\n"
    "  --port N             port to bind, 0 picks a free one (default 8080)\n"
    "  --config FILE        fixture and settings (default: the built-in copy of fixtures/default.json,\n"
    "                       served from any directory)\n"
    "  --clock real|virtual virtual: time moves only by POST /_mock/clock/advance (default real)\n"
    "  --pages scripted|chromium  Webcast pages simulated, or each SourceURL opened in headless Chromium\n"
    "                       (real clock only; docs/pages.md) (default: the config's Pages.Renderer, "
    "scripted)\n"
    "  --state URL          where state lives: memory (default), redis://HOST:PORT[/DB] or unix:///PATH;\n"
    "                       every process on one Redis answers as one service (docs/replicas.md)\n"
    "                       (variable RTC_MOCK_STATE; default: the config's State.Url, memory)\n"
    "  --admin-token TOKEN  require Authorization: Bearer TOKEN on /_mock/ and accept non-loopback admin\n"
    "                       clients (default: none, loopback only)\n"
    "  --threads N          most connections served at once, one worker each, started on demand (default "
    "512)\n"
    "  --event-streams N    most inspector event streams (GET /_mock/events) open at once, one worker each;\n"
    "                       past it the stream is refused with 503 (default 4, 0 turns the stream off)\n"
    "  --log-format text|json  format of the log lines on stderr (default text)\n"
    "  --verbose            log every API request\n"
    "  --print-reference    print the action reference (docs/reference.md) rendered from the declarations\n"
    "                       and exit\n"
    "  --print-default-config  print the built-in default fixture (a starting point for your own --config)\n"
    "                       and exit\n"
    "  --version            print the version (and the git commit it was built from) and exit\n"
    "  --help               print this and exit\n";

Flags parse_flags(int argc, char** argv) {
    Flags f;
    rtc::cli::Args args("rtc-mock", argc, argv);
    while (args.next()) {
        const std::string& arg = args.flag();
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (arg == "--version") {
            std::puts(rtc::build_info::version_line("rtc-mock").c_str());
            std::exit(0);
        } else if (arg == "--print-default-config") {
            auto text = rtc::embedded::default_fixture();
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::exit(0);
        } else if (arg == "--print-reference") {
            std::fputs(rtc::spec::render_reference_markdown(rtc::spec::action_specs()).c_str(), stdout);
            std::exit(0);
        } else if (arg == "--host") {
            f.server.host = args.value();
            if (f.server.host.empty()) args.fail("--host must not be empty");
        } else if (arg == "--port") {
            f.server.port = args.integer(0, 65535);
        } else if (arg == "--config") {
            f.config = args.value();
        } else if (arg == "--clock") {
            const std::string kind = args.value();
            const auto parsed = rtc::clock_kind_from(kind);
            if (!parsed) args.fail("--clock must be real or virtual, got \"" + kind + "\"");
            f.clock = *parsed;
        } else if (arg == "--pages") {
            const std::string renderer = args.value();
            f.pages = rtc::renderer_from(renderer);
            if (!f.pages) args.fail("--pages must be scripted or chromium, got \"" + renderer + "\"");
        } else if (arg == "--state") {
            f.state = args.value();
            if (f.state->empty()) args.fail("--state must not be empty");
        } else if (arg == "--admin-token") {
            f.server.admin_token = args.value();
            if (f.server.admin_token.empty()) args.fail("--admin-token must not be empty");
        } else if (arg == "--threads") {
            f.server.threads = args.integer(1, 4096);
        } else if (arg == "--event-streams") {
            f.server.event_streams = args.integer(0, 64);
        } else if (arg == "--log-format") {
            const std::string format = args.value();
            const auto parsed = rtc::log_format_from(format);
            if (!parsed) args.fail("--log-format must be text or json, got \"" + format + "\"");
            f.server.log_format = *parsed;
        } else if (arg == "--verbose") {
            f.server.verbose = true;
        } else {
            args.unknown();
        }
    }
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    Flags flags = parse_flags(argc, argv);

    rtc::Config config;
    try {
        config =
            flags.config.empty() ? rtc::build_info::default_config() : rtc::load_config_file(flags.config);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtc-mock: bad config: %s\n", e.what());
        return 2;
    }
    if (flags.pages) config.pages.renderer = *flags.pages;
    if (!flags.state)
        if (const char* env = std::getenv("RTC_MOCK_STATE"); env && *env) flags.state = env;
    if (flags.state) {
        std::string error;
        if (*flags.state != "memory" && !rtc::state::redis::parse_address(*flags.state, error)) {
            std::fprintf(stderr, "rtc-mock: bad --state: %s\n", error.c_str());
            return 2;
        }
        config.state.url = *flags.state;
    }
    if (config.state.url != "memory" && flags.clock == rtc::ClockKind::Virtual) {
        // One process's virtual clock would not be the others': a shared engine runs on real time.
        std::fprintf(stderr,
                     "rtc-mock: --clock virtual needs --state memory: replicas on %s share real time "
                     "(docs/replicas.md)\n",
                     config.state.url.c_str());
        return 2;
    }

    // Signals go to one waiting thread, not to whichever worker happens to run.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    std::shared_ptr<rtc::Clock> clock = rtc::make_clock(flags.clock);

    std::unique_ptr<rtc::webcast::PageSource> pages;
    try {
        pages = rtc::pages::make_page_source(config.pages, flags.clock == rtc::ClockKind::Virtual);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtc-mock: %s\n", e.what());
        return 2;
    }
    flags.server.max_body_bytes = config.limits.max_body_bytes;
    const std::string page_source = rtc::to_string(config.pages.renderer);
    rtc::ServiceDeps deps;
    deps.clock = clock;
    deps.pages = std::move(pages);
    deps.transport = std::make_shared<rtc::HttpCallbackSender>(rtc::HttpCallbackSender::Options{
        config.callbacks.max_concurrent_sends, config.callbacks.tls_verify, 10000});
    std::unique_ptr<rtc::MockService> made;
    try {
        made = std::make_unique<rtc::MockService>(std::move(config), std::move(deps));
    } catch (const rtc::ConfigError& e) {
        std::fprintf(stderr, "rtc-mock: bad config: %s\n", e.what());
        return 2;
    } catch (const rtc::state::Unavailable& e) {
        std::fprintf(stderr, "rtc-mock: %s\n", e.what());
        return 2;
    }
    rtc::MockService& service = *made;
    rtc::HttpServer server(service, flags.server);
    int port;
    try {
        port = server.bind();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtc-mock: %s\n", e.what());
        return 2;
    }

    // The signal may arrive before the listener runs; keep asking it to stop until serve() has returned.
    std::atomic<bool> served{false};
    std::thread signal_thread([&server, &flags, &served, signals]() {
        int sig = 0;
        sigwait(&signals, &sig);
        if (served.load()) return;
        rtc::log_event(flags.server, "info",
                       std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                           ", finishing requests in flight");
        while (!served.load()) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });

    std::string host =
        flags.server.host.find(':') != std::string::npos ? "[" + flags.server.host + "]" : flags.server.host;
    std::printf("listening on http://%s:%d\n", host.c_str(), port);
    std::fflush(stdout);
    rtc::log_event(
        flags.server, "info",
        "rtc-mock serving " + (flags.config.empty() ? rtc::build_info::kDefaultFixtureName : flags.config) +
            " (" + rtc::to_string(flags.clock) + std::string(" clock, ") + page_source + " pages, " +
            service.admin().state_engine() + " state, " + std::to_string(flags.server.threads) + " threads)");
    server.serve();
    served.store(true);
    pthread_kill(signal_thread.native_handle(), SIGTERM);  // wakes the signal thread if no signal came
    signal_thread.join();
    service.shutdown();
    rtc::log_event(flags.server, "info", "stopped");
    // Nothing is served or sent any more and the pages are closed. A large store is left to the kernel:
    // freeing a million tasks one by one takes seconds. A small one is freed, so leak checkers still see it.
    std::size_t stored = 0;
    try {
        stored = service.admin().stored_tasks();
    } catch (const rtc::state::Unavailable&) {
        stored = kFreeOnExitTasks + 1;  // the state is elsewhere; leave the rest to the kernel
    }
    if (stored > kFreeOnExitTasks) {
        std::fflush(nullptr);
        std::_Exit(0);
    }
    return 0;
}
