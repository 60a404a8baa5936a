// rtc-reference-client: a client of the RTC OpenAPI on the project's signer, speaking the rtc-conformance
// adapter protocol (docs/conformance.md). It does what the service asks of a client: signs every attempt
// afresh, checks ResponseMetadata.Error even on HTTP 200, retries 5xx and dropped connections with
// exponential backoff, waits Retry-After on 429, never retries other 4xx, and verifies callback signatures.
//
//   rtc-reference-client [--break=KIND]                     one call: JSON on stdin, one JSON line on stdout
//   rtc-reference-client [--break=KIND] --serve-callbacks PORT
//   rtc-reference-client --version
//
// A POST call's `Query` goes in the query string (after Action and Version); without `Params` its body is
// empty (docs/conformance.md).
//
// --break makes it a deliberately wrong client, so the harness can prove it catches each mistake:
//   query-encoding     sends GET query values unescaped (string concatenation)
//   ignore-200-error   reports success for any HTTP 200, without looking at ResponseMetadata.Error
//   hot-429            retries a 429 at once, ignoring Retry-After
//   stale-x-date       signs once and resends the same signed request on every retry
//   retry-4xx          retries every error, auth and parameter errors included
//   no-session-token   ignores VOLC_SESSION_TOKEN
//   callback-no-verify accepts callbacks without checking their signature
//   callback-reject-duplicate  answers 409 to an EventId it has seen
//
// Environment besides the protocol's: RTC_CLIENT_TIMEOUT_MS (default 5000), RTC_CLIENT_BACKOFF_MS (first
// backoff, doubled per retry; default 200).
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "build_info/version.h"
#include "core/callbacks/callback_signature.h"
#include "core/clock.h"
#include "core/uri.h"
#include "http/api_client.h"

namespace {

using json = nlohmann::json;

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

void out(const json& j) {
    std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n" << std::flush;
}

const int kMaxAttempts = 4;

int call_once(const std::string& brk) {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    json req = json::parse(input, nullptr, false);
    if (!req.is_object() || !req.contains("Action")) {
        out({{"ClientError", "cannot read the request JSON from stdin"}});
        return 0;
    }
    rtc::signing::Credentials creds{env_or("VOLC_ACCESSKEY", ""), env_or("VOLC_SECRETKEY", ""),
                                    brk == "no-session-token" ? "" : env_or("VOLC_SESSION_TOKEN", "")};
    rtc::signing::Scope scope{env_or("VOLC_REGION", "cn-north-1"), "rtc"};
    rtc::ApiClient client(env_or("RTC_ENDPOINT", "http://127.0.0.1:8080"), creds, scope);
    const int timeout_ms = std::atoi(env_or("RTC_CLIENT_TIMEOUT_MS", "5000").c_str());
    client.set_timeout_ms(timeout_ms);
    const int base_backoff_ms = std::atoi(env_or("RTC_CLIENT_BACKOFF_MS", "200").c_str());

    rtc::ApiCall call;
    call.action = req["Action"].get<std::string>();
    call.version = req.value("Version", "2020-12-01");
    call.method = req.value("Method", "POST");
    call.params = req.value("Params", json::object());
    call.query = req.value("Query", json::object());
    if (call.method != "GET" && !req.contains("Params")) {
        // Every parameter is in the query string: an empty body, as the Go SDK sends DeleteCallback.
        call.use_raw_body = true;
        call.raw_body.clear();
    }

    rtc::RealClock clock;
    rtc::signing::OutgoingRequest built = client.build(call);
    const rtc::signing::SignedOutput first = rtc::signing::sign_headers(built, creds, scope, clock.now_ms());
    auto naive_query = [&] {
        // The bug: values glued into the URL as they are.
        std::string q;
        for (const auto& [k, v] : built.query) q += (q.empty() ? "" : "&") + k + "=" + v;
        return q;
    };

    rtc::ApiReply reply;
    for (int attempt = 1;; ++attempt) {
        const std::int64_t t0 = rtc::steady_now_ns();
        rtc::signing::SignedOutput s =
            brk == "stale-x-date" ? first : rtc::signing::sign_headers(built, creds, scope, clock.now_ms());
        if (brk == "query-encoding" && call.method == "GET") s.query = naive_query();
        reply = client.send(built.method, s.query, s.headers, built.body);
        const std::int64_t took_ms = (rtc::steady_now_ns() - t0) / 1000000;
        const bool hot = brk == "hot-429" && reply.http_status == 429;
        const bool last = attempt >= (hot ? 20 : kMaxAttempts);
        const int backoff = std::min(base_backoff_ms << (attempt - 1), 5000);
        if (reply.http_status == 0) {
            // A timeout is not retried (the request may be in progress); a dropped connection is.
            if (took_ms >= timeout_ms - 100) {
                out({{"ClientError", "timeout after " + std::to_string(took_ms) + " ms"}});
                return 0;
            }
            if (last) {
                out({{"ClientError", "no response after " + std::to_string(attempt) +
                                         " attempts: " + reply.transport_error}});
                return 0;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
            continue;
        }
        if (last) break;
        if (reply.http_status == 429) {
            if (brk == "hot-429") continue;
            int wait_s = std::atoi(reply.retry_after.c_str());
            if (wait_s < 1) wait_s = 1;
            std::this_thread::sleep_for(std::chrono::seconds(wait_s));
            continue;
        }
        if (reply.http_status >= 500) {
            std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
            continue;
        }
        if (brk == "retry-4xx" && reply.http_status >= 400) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        break;
    }

    json error = nullptr;
    const std::string code = reply.error_code();
    if (!code.empty() && !(brk == "ignore-200-error" && reply.http_status == 200)) {
        const json& e = reply.json["ResponseMetadata"]["Error"];
        error = {{"Code", code}, {"Message", e.value("Message", "")}};
    } else if (reply.http_status != 200) {
        error = {{"Code", "HTTP" + std::to_string(reply.http_status)},
                 {"Message", reply.body.substr(0, 200)}};
    }
    out({{"HttpStatus", reply.http_status},
         {"Body", reply.json.is_null() ? json(reply.body) : reply.json},
         {"Error", error}});
    return 0;
}

int serve_callbacks(int port, const std::string& brk) {
    // SIGTERM/SIGINT are taken by a waiting thread, which stops the server cleanly.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    const std::string secret = env_or("RTC_CALLBACK_SECRET", "");
    std::mutex mu;
    std::set<std::string> seen;
    httplib::Server server;
    server.Post(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
        rtc::callbacks::CallbackEnvelope e;
        std::string problem;
        if (!rtc::callbacks::CallbackEnvelope::from_json(req.body, e, problem)) {
            res.status = 400;
            res.set_content(json{{"error", problem}}.dump(), "application/json");
            return;
        }
        if (brk != "callback-no-verify" && !rtc::callbacks::verify_callback_signature(e, secret)) {
            res.status = 401;
            res.set_content(R"({"error":"bad signature"})", "application/json");
            return;
        }
        bool duplicate;
        {
            std::lock_guard<std::mutex> lock(mu);
            duplicate = !seen.insert(e.event_id).second;
        }
        // A duplicate is acknowledged (the service retries until it gets 200) but not processed again.
        res.status = duplicate && brk == "callback-reject-duplicate" ? 409 : 200;
        res.set_content(json{{"ok", res.status == 200}, {"duplicate", duplicate}}.dump(), "application/json");
    });
    if (!server.bind_to_port("127.0.0.1", port)) {
        std::fprintf(stderr, "rtc-reference-client: cannot listen on 127.0.0.1:%d\n", port);
        return 1;
    }
    std::thread stopper([&] {
        int sig;
        sigwait(&set, &sig);
        server.stop();
    });
    server.listen_after_bind();
    stopper.join();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string brk;
    int serve_port = -1;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--break=", 0) == 0) {
            brk = a.substr(8);
        } else if (a == "--serve-callbacks" && i + 1 < argc) {
            serve_port = std::atoi(argv[++i]);
        } else if (a == "--version") {
            std::puts(rtc::build_info::version_line("rtc-reference-client").c_str());
            return 0;
        } else {
            std::fprintf(stderr,
                         "usage: rtc-reference-client [--break=KIND] [--serve-callbacks PORT] | --version\n");
            return 2;
        }
    }
    return serve_port >= 0 ? serve_callbacks(serve_port, brk) : call_once(brk);
}
