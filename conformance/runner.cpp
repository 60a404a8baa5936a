#include "conformance/runner.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "conformance/adapter_process.h"
#include "conformance/checks.h"
#include "conformance/front.h"
#include "conformance/mock_control.h"
#include "core/actions/spec.h"
#include "core/callbacks/callback_signature.h"
#include "core/envelope.h"
#include "core/errors.h"
#include "core/ratelimit/limiter.h"
#include "core/signing/verifier.h"
#include "core/timefmt.h"
#include "core/uri.h"

namespace rtc::conformance {

using json = nlohmann::json;

namespace {

// Replaces {{n}} (the call number) and {{run}} (unique per harness run) in every string of a JSON value.
json expand(const json& v, int n, const std::string& run) {
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        for (std::size_t p; (p = s.find("{{n}}")) != std::string::npos;) s.replace(p, 5, std::to_string(n));
        for (std::size_t p; (p = s.find("{{run}}")) != std::string::npos;) s.replace(p, 7, run);
        return s;
    }
    if (v.is_array()) {
        json out = json::array();
        for (const auto& e : v) out.push_back(expand(e, n, run));
        return out;
    }
    if (v.is_object()) {
        json out = json::object();
        for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = expand(*it, n, run);
        return out;
    }
    return v;
}

std::string param_value(const ApiRequest& req, const QueryParams& q, const std::string& key) {
    if (const std::string* v = find_param(q, key)) return *v;
    json body = json::parse(req.body, nullptr, false);
    if (body.is_object() && body.contains(key)) {
        const json& v = body[key];
        return v.is_string() ? v.get<std::string>() : v.dump();
    }
    return "";
}

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string random_token(std::size_t n) {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    static std::mt19937_64 rng{std::random_device{}()};
    static std::mutex mu;
    std::lock_guard<std::mutex> lock(mu);
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % (sizeof alphabet - 1)];
    return s;
}

}  // namespace

struct Runner::Impl {
    Config config;
    RunOptions options;
    std::shared_ptr<RealClock> clock = std::make_shared<RealClock>();
    std::unique_ptr<MockControl> mock;
    Front front{*clock};
    int front_port = 0;
    signing::Verifier verifier{config.identity, config.signature, config.accounts,
                               config.temporary_credentials, *clock};
    ErrorCatalog errors{config.errors};
    // The documented limit as the service counts it, for scripted "limit" answers: the front's own
    // limiter (declaration + config overrides), so a scenario's throttling does not depend on the state of
    // the mock's limiter. Reset before every scenario.
    RateLimiter limiter{config.rate_limits};
    std::string run_id = random_token(6);
    AdapterServer callback_server;
    int callback_port = 0;
    std::string callback_problem;  // why the callback receiver is not usable
    bool callback_tried = false;

    Impl(Config c, RunOptions o) : config(std::move(c)), options(std::move(o)) {
        mock = options.mock_url.empty() ? make_in_process_mock(config, clock)
                                        : make_http_mock(options.mock_url, options.admin_token);
        front_port = front.start();
    }

    ~Impl() {
        callback_server.stop();
        front.stop();
    }

    ResponseMeta meta(const QueryParams& q) const {
        const std::string* a = find_param(q, "Action");
        const std::string* v = find_param(q, "Version");
        return ResponseMeta{new_request_id(clock->now_ms()), a ? *a : "", v ? *v : "",
                            config.identity.service, config.identity.region};
    }

    Answer error_answer(const QueryParams& q, const std::string& reason, const std::string& message,
                        bool http200, int retry_after, Attempt& at) {
        const ErrorDef& def = errors.lookup(reason);
        Answer ans;
        ans.status = http200 ? 200 : errors.http_status(def);
        ans.body = error_envelope(meta(q), def, message);
        if (retry_after > 0) ans.headers.push_back({"Retry-After", std::to_string(retry_after)});
        at.status = ans.status;
        at.answer_code = def.code;
        at.retry_after_s = retry_after;
        return ans;
    }

    Answer forward(Attempt& at) {
        ApiResponse r = mock->forward(at.request);
        Answer ans;
        ans.status = r.status;
        ans.headers = r.headers;
        ans.body = r.body;
        at.answer_kind = "mock";
        at.status = r.status;
        json body = json::parse(r.body, nullptr, false);
        if (body.is_object() && body.contains("ResponseMetadata") &&
            body["ResponseMetadata"].contains("Error"))
            at.answer_code = body["ResponseMetadata"]["Error"].value("Code", "");
        for (const auto& h : r.headers)
            if (iequals(h.name, "Retry-After")) at.retry_after_s = std::atoi(h.value.c_str());
        return ans;
    }

    // The answer to one attempt: the scripted step for this call's attempt number.
    Answer respond(const Scenario& s, std::mutex& mu, std::map<std::string, int>& counts, Attempt& at) {
        const QueryParams q = parse_query(at.request.raw_query);
        at.call_key = s.calls > 1 ? param_value(at.request, q, s.call_key) : "";
        signing::Verdict v = verifier.verify(at.request, q);
        at.verdict = v.verdict();
        if (!v.ok) {
            const ErrorDef& def = errors.lookup(v.error.reason);
            at.verdict_code = def.code;
            at.verdict_message = v.error.message;
            at.canonical_request = v.canonical_request;
        }
        int index;
        {
            std::lock_guard<std::mutex> lock(mu);
            index = counts[at.call_key]++;
        }
        const json& step =
            s.responses[std::min<std::size_t>(static_cast<std::size_t>(index), s.responses.size() - 1)];
        const std::string kind = step.value("Answer", "mock");
        // The service never answers a badly signed request with anything but its gateway error.
        if (!v.ok || kind == "mock") return forward(at);
        at.answer_kind = "scripted";
        Answer ans;
        if (kind == "ok") {
            ans.body = success_envelope(meta(q), step.value("Result", json("ok")));
            at.status = 200;
        } else if (kind == "error") {
            ans = error_answer(q, step.value("Reason", "ServiceInternalError"),
                               step.value("Message", "scripted by rtc-conformance"),
                               step.value("Http200", false), step.value("RetryAfter", 0), at);
        } else if (kind == "limit") {
            // The action's declared limit (see admit()).
            const std::string* action = find_param(q, "Action");
            const spec::ActionSpec* as = action ? spec::find_action_spec(*action) : nullptr;
            Admission adm = limiter.admit(v.principal.account_id, action ? *action : "",
                                          as ? as->rate_limit : 0, clock->now_ms());
            if (adm.admitted) {
                ans.body = success_envelope(meta(q), "ok");
                at.status = 200;
            } else {
                std::int64_t secs = (adm.retry_after_ms + 999) / 1000;
                if (secs < config.rate_limits.min_retry_after_seconds)
                    secs = config.rate_limits.min_retry_after_seconds;
                ans = error_answer(q, "Throttled",
                                   "over the declared limit of " + std::to_string(adm.limit) + "/s", false,
                                   static_cast<int>(secs), at);
            }
        } else if (kind == "raw") {
            // What a proxy or load balancer in front of the service sends: a status with no API envelope.
            ans.status = step.value("Status", 502);
            ans.body = step.value("Body", "");
            ans.headers.push_back({"Content-Type", step.value("ContentType", "text/html")});
            at.status = ans.status;
            at.answer_code = "HTTP" + std::to_string(ans.status);
        } else if (kind == "drop") {
            ans.drop = true;
            at.answer_kind = "drop";
        } else if (kind == "stall") {
            ans.stall_ms = step.value("HoldMs", 15000);
            at.answer_kind = "stall";
        } else {
            ans = error_answer(q, "InternalError", "unknown scripted Answer " + kind, false, 0, at);
        }
        ans.delay_ms = step.value("DelayMs", 0);
        return ans;
    }

    std::map<std::string, std::string> client_env(const Scenario& s, std::string& token) {
        std::map<std::string, std::string> env{
            {"RTC_ENDPOINT", "http://127.0.0.1:" + std::to_string(front_port)},
            {"VOLC_REGION", config.identity.region},
            {"VOLC_SESSION_TOKEN", ""}};
        const Account* acc = nullptr;
        for (const auto& a : config.accounts)
            if (!a.disabled) {
                acc = &a;
                break;
            }
        if (acc) {
            env["VOLC_ACCESSKEY"] = acc->access_key;
            env["VOLC_SECRETKEY"] = acc->secret_key;
        }
        if (s.credentials == "wrong-secret") env["VOLC_SECRETKEY"] = "WRONG" + env["VOLC_SECRETKEY"];
        if (s.credentials == "temporary")
            for (const auto& t : config.temporary_credentials)
                if (t.expires_ms > clock->now_ms()) {
                    env["VOLC_ACCESSKEY"] = t.access_key;
                    env["VOLC_SECRETKEY"] = t.secret_key;
                    env["VOLC_SESSION_TOKEN"] = token = t.session_token;
                    break;
                }
        return env;
    }

    // Starts the adapter's webhook receiver once, on first use.
    void ensure_callback_server() {
        if (callback_tried) return;
        callback_tried = true;
        callback_port = free_port();
        const std::string cmd = options.client + " --serve-callbacks " + std::to_string(callback_port);
        if (!callback_server.start(cmd, {{"RTC_CALLBACK_SECRET", options.callback_secret}})) {
            callback_problem = "could not start `" + cmd + "`";
            return;
        }
        for (int i = 0; i < 100; ++i) {
            int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            addr.sin_port = htons(static_cast<std::uint16_t>(callback_port));
            const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
            ::close(fd);
            if (up) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        callback_problem = "`" + cmd +
                           "` did not accept connections on 127.0.0.1:" + std::to_string(callback_port) +
                           " within 10 s";
    }

    callbacks::CallbackEnvelope fresh_envelope() {
        const TimeMs now = clock->now_ms();
        callbacks::CallbackEnvelope e;
        e.event_type = config.callbacks.event_type;
        e.version = config.callbacks.version;
        e.app_id = config.apps.empty() ? "600000000000000000000000" : config.apps.front().app_id;
        e.event_data = json{
            {"AppId", e.app_id},
            {"BusinessId", ""},
            {"RoomId", "conformance-room"},
            {"TaskId", "cb-" + run_id},
            {"UserId", "conformance-user"},
            {"Status", 1},
            {"Reason", ""},
            {"Timestamp",
             now}}.dump();
        e.event_time = format_rfc3339(now);
        e.event_id = "cf-" + run_id + "-" + random_token(8);
        e.nonce = random_token(4);
        e.signature = callbacks::callback_signature(e, options.callback_secret);
        return e;
    }

    std::vector<Delivery> deliver(const Scenario& s, std::string& problem) {
        std::vector<Delivery> out;
        ensure_callback_server();
        if (!callback_problem.empty()) {
            problem = callback_problem;
            return out;
        }
        httplib::Client cli("127.0.0.1", callback_port);
        cli.set_connection_timeout(2);
        cli.set_read_timeout(s.callback.value("TimeoutMs", 5000) / 1000 + 2);
        callbacks::CallbackEnvelope last;
        for (const auto& k : s.callback.value("Send", json::array())) {
            const std::string kind = k.get<std::string>();
            callbacks::CallbackEnvelope e = kind == "duplicate" ? last : fresh_envelope();
            if (kind == "tampered") {
                // Signed, then the payload changed: what a forger or a corrupting proxy sends.
                e.event_data = json{
                    {"AppId", e.app_id},
                    {"TaskId", "cb-" + run_id},
                    {"Status", 5},
                    {"Reason",
                     "PageCrash"}}.dump();
            }
            last = e;
            Delivery d;
            d.kind = kind;
            d.event_id = e.event_id;
            const std::int64_t t0 = steady_now_ns();
            auto r = cli.Post("/", e.to_json().dump(), "application/json");
            d.elapsed_ms = (steady_now_ns() - t0) / 1000000;
            if (r)
                d.status = r->status;
            else
                d.error = httplib::to_string(r.error());
            out.push_back(d);
        }
        return out;
    }

    ScenarioResult run_one(const Scenario& s) {
        ScenarioResult res{s.id, s.title, s.level, s.doc, s.why, "PASS", "", {}, 0, json::object()};
        const std::int64_t t0 = steady_now_ns();
        front.next_scenario();
        mock->reset();
        limiter.reset();
        for (const auto& app : s.console) {
            json settings = app;
            settings.erase("AppId");
            std::string problem = mock->put_app(app.value("AppId", ""), settings);
            if (!problem.empty()) {
                res.verdict = "SKIP";
                res.why = "precondition: " + problem;
                return res;
            }
        }
        std::vector<CallView> calls;
        std::vector<Delivery> deliveries;
        std::string token;
        if (!s.call.is_null()) {
            std::mutex mu;
            std::map<std::string, int> counts;
            front.set_responder([&](Attempt& at) { return respond(s, mu, counts, at); });
            auto env = client_env(s, token);
            calls.resize(static_cast<std::size_t>(s.calls));
            std::vector<std::thread> threads;
            for (int n = 0; n < s.calls; ++n) {
                CallView& c = calls[static_cast<std::size_t>(n)];
                c.number = n;
                c.request = expand(s.call, n, run_id);
                for (const char* where : {"Params", "Query"}) {
                    if (s.calls < 2 || !c.request.contains(where) || !c.request[where].contains(s.call_key))
                        continue;
                    const json& k = c.request[where][s.call_key];
                    c.key = k.is_string() ? k.get<std::string>() : k.dump();
                    break;
                }
                threads.emplace_back([&, n] {
                    CallView& cv = calls[static_cast<std::size_t>(n)];
                    cv.run =
                        run_adapter(options.client, env, cv.request.dump() + "\n", options.call_deadline_ms);
                    cv.report = parse_report(cv.run);
                });
            }
            for (auto& t : threads) t.join();
            front.set_responder(nullptr);
            std::vector<Attempt> all = front.attempts();
            for (auto& c : calls)
                for (const auto& a : all)
                    if (a.call_key == c.key) c.attempts.push_back(a);
        } else {
            std::string problem;
            deliveries = deliver(s, problem);
            if (!problem.empty()) {
                res.verdict = "FAIL";
                res.why = "callback receiver: " + problem;
                res.duration_ms = (steady_now_ns() - t0) / 1000000;
                return res;
            }
        }

        bool skipped = false, failed = false;
        for (const auto& check : s.checks) {
            CheckResult cr = run_check(CheckContext{check, calls, deliveries, token});
            if (cr.verdict == "SKIP" && !skipped) {
                skipped = true;
                res.why = cr.why;
            }
            if (cr.verdict == "FAIL" && !failed && !skipped) {
                failed = true;
                res.why = cr.why;
            }
            res.checks.push_back(cr);
        }
        res.verdict = skipped ? "SKIP" : failed ? "FAIL" : "PASS";
        if (res.verdict == "PASS") res.why = s.why;
        res.duration_ms = (steady_now_ns() - t0) / 1000000;
        res.evidence = evidence(calls, deliveries);
        return res;
    }

    static json evidence(const std::vector<CallView>& calls, const std::vector<Delivery>& deliveries) {
        json out = json::object();
        json jc = json::array();
        for (const auto& c : calls) {
            json atts = json::array();
            std::int64_t first = c.attempts.empty() ? 0 : c.attempts.front().arrived_ns;
            for (const auto& a : c.attempts) {
                json h = json::object();
                for (const auto& hd : a.request.headers) h[hd.name] = hd.value;
                atts.push_back({{"AtMs", (a.arrived_ns - first) / 1000000},
                                {"Method", a.request.method},
                                {"Query", a.request.raw_query},
                                {"Headers", h},
                                {"Body", a.request.body.substr(0, 2048)},
                                {"Signature", signing::to_string(a.verdict)},
                                {"SignatureError", a.verdict_code},
                                {"Answer", a.answer_kind},
                                {"Status", a.status},
                                {"Code", a.answer_code},
                                {"RetryAfter", a.retry_after_s}});
            }
            jc.push_back({{"Request", c.request},
                          {"Report", c.report.raw.is_discarded() ? json(nullptr) : c.report.raw},
                          {"Outcome", c.report.outcome},
                          {"ElapsedMs", c.run.elapsed_ms},
                          {"Stderr", c.run.err.substr(0, 1000)},
                          {"Attempts", atts}});
        }
        if (!calls.empty()) out["Calls"] = jc;
        if (!deliveries.empty()) {
            json jd = json::array();
            for (const auto& d : deliveries)
                jd.push_back({{"Kind", d.kind},
                              {"EventId", d.event_id},
                              {"Status", d.status},
                              {"Error", d.error},
                              {"ElapsedMs", d.elapsed_ms}});
            out["Callbacks"] = jd;
        }
        return out;
    }
};

Runner::Runner(Config config, RunOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(options))) {}
Runner::~Runner() = default;

SuiteResult Runner::run(const std::vector<Scenario>& scenarios) {
    SuiteResult out;
    out.client = impl_->options.client;
    out.mock = impl_->mock->describe();
    for (const auto& s : scenarios) {
        ScenarioResult r = impl_->run_one(s);
        if (impl_->options.verbose)
            std::fprintf(stderr, "%-40s %s %s\n", r.id.c_str(), r.verdict.c_str(), r.why.c_str());
        const bool must = r.level == "MUST";
        if (r.verdict == "SKIP") {
            ++out.skipped;
        } else {
            (must ? out.must_total : out.should_total)++;
            if (r.verdict == "PASS") (must ? out.must_passed : out.should_passed)++;
            if (r.verdict == "FAIL") (must ? out.must_failed : out.should_failed)++;
        }
        out.scenarios.push_back(std::move(r));
    }
    impl_->callback_server.stop();
    const int judged = out.must_total + out.should_total;
    out.percent = judged ? 100.0 * (out.must_passed + out.should_passed) / judged : 0;
    return out;
}

}  // namespace rtc::conformance
