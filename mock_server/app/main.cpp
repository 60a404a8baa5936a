// rtc-mock: the command line (README.md, "Running the mock"; the flags and their variables are declared in
// app/mock_flags.cpp) and `rtc-mock healthcheck` (app/healthcheck.cpp). Bad flags, variables and configs exit
// 2 with one line on stderr. Without --config the default fixture compiled into the binary is served, from
// any directory.
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

#include "app/healthcheck.h"
#include "app/mock_flags.h"
#include "build_info/default_fixture.h"
#include "core/config.h"
#include "core/config_reader.h"
#include "core/service.h"
#include "core/state/unavailable.h"
#include "http/callback_sender.h"
#include "http/server.h"
#include "pages/page_source_factory.h"

namespace {

// Above this many stored tasks, the process ends without freeing them (see the end of main).
constexpr std::size_t kFreeOnExitTasks = 10000;

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "healthcheck") {
        const int code = rtc::run_healthcheck(argc, argv);
        std::fflush(nullptr);
        std::_Exit(code);  // its request thread is done or abandoned: nothing to wait for
    }
    rtc::MockFlags flags = rtc::parse_mock_flags("rtc-mock", argc, argv, 1, 2);

    rtc::Config config;
    try {
        config =
            flags.config.empty() ? rtc::build_info::default_config() : rtc::load_config_file(flags.config);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtc-mock: bad config: %s\n", e.what());
        return 2;
    }
    if (flags.pages) config.pages.renderer = *flags.pages;
    if (flags.state) config.state.url = *flags.state;  // checked by the flag's reader
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
        pages = rtc::pages::make_page_source(config.pages, clock);
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

    std::string host =
        flags.server.host.find(':') != std::string::npos ? "[" + flags.server.host + "]" : flags.server.host;
    rtc::announce_listening("http://" + host + ":" + std::to_string(port));
    rtc::log_event(
        flags.server, "info",
        "rtc-mock serving " + (flags.config.empty() ? rtc::build_info::kDefaultFixtureName : flags.config) +
            " (" + rtc::to_string(flags.clock) + std::string(" clock, ") + page_source + " pages, " +
            service.admin().state_engine() + " state, " + std::to_string(flags.server.threads) + " threads)");
    // Started after the "serving" line, so a signal that came early (it waits, blocked) is logged after it;
    // it may still arrive before the listener runs: keep asking it to stop until serve() has returned.
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
