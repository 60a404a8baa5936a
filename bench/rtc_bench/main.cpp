// rtc-bench: a load generator for rtc-mock (or any HTTP target) that signs every request with the project's
// signer. N keep-alive connections, one thread each; a fixed-rate mode free of coordinated omission (latency
// counts from each request's intended send time) or a max mode; p50..p99.9 from log-linear histograms;
// errors by code; a progress line every second on stderr; a JSON report.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "build_info/version.h"
#include "cli/flags.h"
#include "core/clock.h"
#include "histogram.h"
#include "http_conn.h"
#include "workload.h"

using namespace rtcbench;

namespace {

const char* const kProgram = "rtc-bench";

const char* kUsage =
    "usage: rtc-bench [flags]\n"
    "  --url URL            target (default http://127.0.0.1:8080/); any HTTP server: non-mock targets\n"
    "                       ignore the signature, so the same load compares servers\n"
    "  --connections N      keep-alive connections, one thread each (default 32)\n"
    "  --duration S         seconds to run (default 10)\n"
    "  --warmup S           seconds sent first and not measured (default 0)\n"
    "  --rate N             fixed rate, requests/s over all connections; latency counts from each\n"
    "                       request's intended send time (no coordinated omission)\n"
    "  --max                as fast as each connection can go (the default)\n"
    "  --requests N         stop after N requests (with or before --duration)\n"
    "  --mix SPEC           action weights (default StartWebcast:8,GetWebCastTask:1,StopWebcast:1)\n"
    "  --ak AK --sk SK      credentials (default AKLTLOCALMOCK / LOCALMOCKSECRET)\n"
    "  --app-id ID          app of those credentials (default 600000000000000000000000)\n"
    "  --account AK:SK:APP  an account to spread connections over; repeat for several (replaces --ak/--sk)\n"
    "  --preload-tasks N    start N webcast tasks as fast as possible, then report (same as\n"
    "                       --mix StartWebcast:1 --max --requests N)\n"
    "  --timeout-ms N       per-request socket timeout (default 10000)\n"
    "  --max-running-time S StartWebcast bodies ask for this MaxRunningTime, so tasks end by themselves\n"
    "                       (default: left out)\n"
    "  --label TEXT         a name for this run in the JSON report\n"
    "  --json FILE          write the report as JSON (\"-\" for stdout)\n"
    "  --quiet              no progress line\n"
    "  --version            print the version (and the git commit it was built from) and exit\n"
    "  --help               print this and exit\n";

struct Options {
    std::string url = "http://127.0.0.1:8080/";
    int connections = 32;
    double duration_s = 10;
    double warmup_s = 0;
    double rate = 0;  // 0: max
    long long requests = 0;
    std::string mix = "StartWebcast:8,GetWebCastTask:1,StopWebcast:1";
    std::string ak = "AKLTLOCALMOCK", sk = "LOCALMOCKSECRET", app_id = "600000000000000000000000";
    std::vector<std::string> accounts;
    int timeout_ms = 10000;
    int max_running_time = 0;
    std::string label;
    std::string json_path;
    bool quiet = false;
};

Options parse_flags(int argc, char** argv) {
    Options o;
    rtc::cli::Args args(kProgram, argc, argv);
    while (args.next()) {
        const std::string& arg = args.flag();
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (arg == "--version") {
            std::puts(rtc::build_info::version_line(kProgram).c_str());
            std::exit(0);
        } else if (arg == "--url") {
            o.url = args.value();
        } else if (arg == "--connections" || arg == "-c") {
            o.connections = static_cast<int>(args.number(1, 4096));
        } else if (arg == "--duration" || arg == "-d") {
            o.duration_s = args.number(0.1, 86400);
        } else if (arg == "--warmup") {
            o.warmup_s = args.number(0, 3600);
        } else if (arg == "--rate") {
            o.rate = args.number(1, 1e8);
        } else if (arg == "--max") {
            o.rate = 0;
        } else if (arg == "--requests") {
            o.requests = static_cast<long long>(args.number(1, 1e12));
        } else if (arg == "--mix") {
            o.mix = args.value();
        } else if (arg == "--ak") {
            o.ak = args.value();
        } else if (arg == "--sk") {
            o.sk = args.value();
        } else if (arg == "--app-id") {
            o.app_id = args.value();
        } else if (arg == "--account") {
            o.accounts.push_back(args.value());
        } else if (arg == "--preload-tasks") {
            o.requests = static_cast<long long>(args.number(1, 1e9));
            o.mix = "StartWebcast:1";
            o.rate = 0;
            o.duration_s = 86400;
        } else if (arg == "--max-running-time") {
            o.max_running_time = static_cast<int>(args.number(10, 86400));
        } else if (arg == "--timeout-ms") {
            o.timeout_ms = static_cast<int>(args.number(1, 600000));
        } else if (arg == "--label") {
            o.label = args.value();
        } else if (arg == "--json") {
            o.json_path = args.value();
        } else if (arg == "--quiet") {
            o.quiet = true;
        } else {
            args.unknown();
        }
    }
    return o;
}

// What one connection thread measured; the owner thread writes, others read only the atomics.
struct ConnStats {
    Histogram hist;
    std::atomic<std::uint64_t> errors{0};
    std::atomic<std::uint64_t> sent{0};            // including warm-up
    std::map<std::string, std::uint64_t> by_code;  // "OK", an API error Code, "HTTP 404", "transport:recv"
    std::map<std::string, std::uint64_t> by_action;
    int reconnects = 0;
};

// The API error Code in the envelope, without parsing JSON (the generator must stay cheap).
std::string classify(const HttpResponse& r) {
    auto at = r.body.find("\"Error\"");
    if (at != std::string::npos) {
        auto c = r.body.find("\"Code\":\"", at);
        if (c != std::string::npos) {
            c += 8;
            auto e = r.body.find('"', c);
            if (e != std::string::npos) return r.body.substr(c, e - c);
        }
    }
    if (r.status >= 200 && r.status < 300) return "OK";
    return "HTTP " + std::to_string(r.status);
}

double ms(std::int64_t ns) {
    return static_cast<double>(ns) / 1e6;
}

nlohmann::json latency_json(const Histogram& h) {
    return {{"p50", ms(h.quantile(0.50))}, {"p90", ms(h.quantile(0.90))},
            {"p99", ms(h.quantile(0.99))}, {"p99_9", ms(h.quantile(0.999))},
            {"max", ms(h.max())},          {"mean", ms(static_cast<std::int64_t>(h.mean()))}};
}

}  // namespace

int main(int argc, char** argv) {
    Options opt = parse_flags(argc, argv);
    signal(SIGPIPE, SIG_IGN);

    Endpoint ep;
    std::string error;
    if (!parse_url(opt.url, ep, error)) rtc::cli::fail(kProgram, error);
    std::vector<MixEntry> mix;
    if (!parse_mix(opt.mix, mix, error)) rtc::cli::fail(kProgram, error);
    std::vector<Account> accounts;
    for (const auto& a : opt.accounts) {
        Account acc;
        if (!parse_account(a, acc, error)) rtc::cli::fail(kProgram, error);
        accounts.push_back(acc);
    }
    if (accounts.empty()) accounts.push_back({{opt.ak, opt.sk, ""}, opt.app_id});

    rtc::RealClock wall;  // X-Date of every request
    const std::string run_id = std::to_string(wall.now_ms()) + "p" + std::to_string(::getpid());

    const int C = opt.connections;
    std::vector<std::unique_ptr<ConnStats>> stats;
    for (int c = 0; c < C; ++c) stats.push_back(std::make_unique<ConnStats>());

    const std::int64_t start_ns = rtc::steady_now_ns() + 50'000'000;  // a moment for every thread to start
    const std::int64_t warm_end_ns = start_ns + static_cast<std::int64_t>(opt.warmup_s * 1e9);
    const std::int64_t end_ns = warm_end_ns + static_cast<std::int64_t>(opt.duration_s * 1e9);
    const double gap_ns = opt.rate > 0 ? 1e9 / opt.rate : 0;  // between intended sends, over all connections
    std::atomic<long long> tickets{opt.requests};
    std::atomic<bool> stop{false};

    std::vector<std::thread> threads;
    for (int c = 0; c < C; ++c) {
        threads.emplace_back([&, c] {
            ConnStats& st = *stats[static_cast<std::size_t>(c)];
            HttpConn conn(ep, opt.timeout_ms);
            Workload work(ep, mix, accounts[static_cast<std::size_t>(c) % accounts.size()], run_id, c);
            work.set_max_running_time(opt.max_running_time);
            HttpResponse resp;
            std::string err;
            for (std::uint64_t i = 0;; ++i) {
                std::int64_t intended = 0;
                if (gap_ns > 0) {
                    // Connection c sends at start + (i*C + c) * gap: the whole run's schedule, fixed up
                    // front.
                    intended =
                        start_ns + static_cast<std::int64_t>((static_cast<double>(i) * C + c) * gap_ns);
                    if (intended >= end_ns) break;
                    std::int64_t wait = intended - rtc::steady_now_ns();
                    if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
                } else {
                    std::int64_t wait = start_ns - rtc::steady_now_ns();
                    if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
                }
                if (stop.load(std::memory_order_relaxed)) break;
                if (opt.requests > 0 && tickets.fetch_sub(1, std::memory_order_relaxed) <= 0) break;
                BuiltRequest req = work.next(wall.now_ms());
                const std::int64_t sent = rtc::steady_now_ns();
                if (gap_ns <= 0) {
                    if (sent >= end_ns) break;
                    intended = sent;
                }
                const bool ok = conn.roundtrip(req.bytes, resp, err);
                const std::int64_t done = rtc::steady_now_ns();
                st.sent.fetch_add(1, std::memory_order_relaxed);
                std::string code = ok ? classify(resp) : "transport:" + err;
                if (ok && code == "OK" && req.action == "StartWebcast") work.start_succeeded();
                if (intended < warm_end_ns) continue;
                st.hist.record(done - intended);
                ++st.by_code[code];
                ++st.by_action[req.action];
                if (code != "OK") st.errors.fetch_add(1, std::memory_order_relaxed);
            }
            st.reconnects = conn.reconnects();
        });
    }

    // Progress: once a second, the last second's rate and latency from live snapshots of the histograms.
    std::thread progress([&] {
        auto prev = std::make_unique<Histogram>();
        std::uint64_t prev_err = 0, prev_sent = 0;
        for (int sec = 1;; ++sec) {
            const std::int64_t at = start_ns + sec * 1'000'000'000LL;
            while (!stop.load() && rtc::steady_now_ns() < at)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (stop.load()) return;
            auto now = std::make_unique<Histogram>();
            std::uint64_t err = 0, sent = 0;
            for (const auto& s : stats) {
                now->add(s->hist);
                err += s->errors.load();
                sent += s->sent.load();
            }
            auto delta = std::make_unique<Histogram>();
            delta->add(*now);
            delta->subtract(*prev);
            if (!opt.quiet)
                std::fprintf(stderr,
                             "[%4ds] %8llu req/s  p50 %7.3f ms  p99 %7.3f ms  errors %llu/s  (total %llu)\n",
                             sec, static_cast<unsigned long long>(sent - prev_sent), ms(delta->quantile(0.5)),
                             ms(delta->quantile(0.99)), static_cast<unsigned long long>(err - prev_err),
                             static_cast<unsigned long long>(sent));
            prev = std::move(now);
            prev_err = err;
            prev_sent = sent;
        }
    });

    for (auto& t : threads) t.join();
    const std::int64_t finished_ns = rtc::steady_now_ns();
    stop.store(true);
    progress.join();

    auto total = std::make_unique<Histogram>();
    std::map<std::string, std::uint64_t> by_code, by_action;
    std::uint64_t errors = 0, sent_total = 0;
    int reconnects = 0;
    for (const auto& s : stats) {
        sent_total += s->sent.load();
        total->add(s->hist);
        errors += s->errors.load();
        reconnects += s->reconnects;
        for (const auto& [k, v] : s->by_code) by_code[k] += v;
        for (const auto& [k, v] : s->by_action) by_action[k] += v;
    }
    const std::uint64_t n = total->count();
    const std::int64_t measured_end = std::min(finished_ns, end_ns);
    const double seconds = std::max(1e-9, static_cast<double>(measured_end - warm_end_ns) / 1e9);
    const double rps = static_cast<double>(n) / seconds;

    std::printf("rtc-bench %s  %s  %d connections  %.1f s\n", opt.url.c_str(),
                opt.rate > 0
                    ? ("fixed rate " + std::to_string(static_cast<long long>(opt.rate)) + "/s").c_str()
                    : "max rate",
                C, seconds);
    std::printf("  requests %llu  (%.0f req/s)  errors %llu  reconnects %d\n",
                static_cast<unsigned long long>(n), rps, static_cast<unsigned long long>(errors), reconnects);
    std::printf("  latency ms  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
                ms(total->quantile(0.5)), ms(total->quantile(0.9)), ms(total->quantile(0.99)),
                ms(total->quantile(0.999)), ms(total->max()));
    for (const auto& [k, v] : by_code)
        std::printf("  %-40s %llu\n", k.c_str(), static_cast<unsigned long long>(v));

    if (!opt.json_path.empty()) {
        nlohmann::json j = {{"label", opt.label},
                            {"url", opt.url},
                            {"mode", opt.rate > 0 ? "fixed" : "max"},
                            {"target_rate", opt.rate},
                            {"connections", C},
                            {"duration_s", seconds},
                            {"warmup_s", opt.warmup_s},
                            {"mix", opt.mix},
                            {"accounts", accounts.size()},
                            {"requests", n},
                            {"requests_sent_total", sent_total},  // warm-up included
                            {"requests_per_s", rps},
                            {"errors", errors},
                            {"reconnects", reconnects},
                            {"latency_ms", latency_json(*total)},
                            {"by_code", by_code},
                            {"by_action", by_action}};
        std::string text = j.dump(2) + "\n";
        if (opt.json_path == "-") {
            std::fputs(text.c_str(), stdout);
        } else {
            FILE* f = std::fopen(opt.json_path.c_str(), "w");
            if (!f) {
                std::fprintf(stderr, "rtc-bench: cannot write %s\n", opt.json_path.c_str());
                return 1;
            }
            std::fputs(text.c_str(), f);
            std::fclose(f);
        }
    }
    return n > 0 ? 0 : 1;
}
