#include "conformance/runner.h"

#include <cstdio>

#include "conformance/callback_sender.h"
#include "conformance/checks.h"
#include "conformance/client_calls.h"
#include "conformance/front.h"
#include "conformance/mock_target.h"
#include "conformance/random_token.h"
#include "conformance/scenario_verdict.h"
#include "conformance/scripted_answers.h"

namespace rtc::conformance {

using json = nlohmann::json;

// What a run holds across scenarios: the mock, the front the client talks to, its scripted answers and the
// callback side. Each scenario starts from the fixture (mock reset, front and limiter cleared).
struct Runner::Impl {
    Config config;
    RunOptions options;
    std::shared_ptr<RealClock> clock = std::make_shared<RealClock>();
    std::unique_ptr<MockTarget> mock = options.mock_url.empty()
                                           ? make_in_process_mock(config, clock)
                                           : make_http_mock(options.mock_url, options.admin_token);
    ScriptedAnswers answers{config, *clock, *mock};
    Front front{*clock};
    int front_port = front.start();
    std::string run_id = random_token(6);
    CallbackSender callbacks{config, *clock, options.client, options.callback_secret, run_id};

    Impl(Config c, RunOptions o) : config(std::move(c)), options(std::move(o)) {}

    ~Impl() {
        callbacks.stop();
        front.stop();
    }

    ScenarioResult run_one(const Scenario& s) {
        ScenarioResult res{s.id, s.title, s.level, s.doc, s.why, "PASS", "", {}, 0, json::object()};
        const std::int64_t t0 = steady_now_ns();
        front.next_scenario();
        mock->admin().reset();
        answers.reset();
        for (const auto& app : s.console) {
            json settings = app;
            settings.erase("AppId");
            const std::string app_id = app.value("AppId", "");
            const admin::Reply changed = mock->admin().change_app(app_id, settings);
            if (!changed.ok()) {
                res.verdict = "SKIP";
                res.why = "precondition: app " + app_id + ": " + changed.error();
                return res;
            }
        }
        std::vector<CallView> calls;
        std::vector<Delivery> deliveries;
        std::string token;
        if (!s.call.is_null()) {
            front.set_responder(answers.responder(s));
            const ClientEnv env = client_env(config, *clock, front_port, s.credentials);
            token = env.session_token;
            calls = run_calls(s, env, options.client, options.call_deadline_ms, run_id);
            front.set_responder(nullptr);
            attach_attempts(calls, front.attempts());
        } else {
            std::string problem;
            deliveries = callbacks.deliver(s, problem);
            if (!problem.empty()) {
                res.verdict = "FAIL";
                res.why = "callback receiver: " + problem;
                res.duration_ms = (steady_now_ns() - t0) / 1000000;
                return res;
            }
        }
        judge(s, calls, deliveries, token, res);
        res.duration_ms = (steady_now_ns() - t0) / 1000000;
        res.evidence = evidence(calls, deliveries);
        return res;
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
    impl_->callbacks.stop();
    const int judged = out.must_total + out.should_total;
    out.percent = judged ? 100.0 * (out.must_passed + out.should_passed) / judged : 0;
    return out;
}

}  // namespace rtc::conformance
