#include "conformance/client_calls.h"

#include <thread>

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

}  // namespace

ClientEnv client_env(const Config& config, const Clock& clock, int front_port,
                     const std::string& credentials) {
    ClientEnv out;
    auto& env = out.vars;
    env = {{"RTC_ENDPOINT", "http://127.0.0.1:" + std::to_string(front_port)},
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
    if (credentials == "wrong-secret") env["VOLC_SECRETKEY"] = "WRONG" + env["VOLC_SECRETKEY"];
    if (credentials == "temporary")
        for (const auto& t : config.temporary_credentials)
            if (t.expires_ms > clock.now_ms()) {
                env["VOLC_ACCESSKEY"] = t.access_key;
                env["VOLC_SECRETKEY"] = t.secret_key;
                env["VOLC_SESSION_TOKEN"] = out.session_token = t.session_token;
                break;
            }
    return out;
}

std::vector<CallView> run_calls(const Scenario& s, const ClientEnv& env, const std::string& client,
                                std::int64_t deadline_ms, const std::string& run_id) {
    std::vector<CallView> calls(static_cast<std::size_t>(s.calls));
    std::vector<std::thread> threads;
    for (int n = 0; n < s.calls; ++n) {
        CallView& c = calls[static_cast<std::size_t>(n)];
        c.number = n;
        c.request = expand(s.call, n, run_id);
        for (const char* where : {"Params", "Query"}) {
            if (s.calls < 2 || !c.request.contains(where) || !c.request[where].contains(s.call_key)) continue;
            const json& k = c.request[where][s.call_key];
            c.key = k.is_string() ? k.get<std::string>() : k.dump();
            break;
        }
        threads.emplace_back([&c, &env, &client, deadline_ms] {
            c.run = run_adapter(client, env.vars, c.request.dump() + "\n", deadline_ms);
            c.report = parse_report(c.run);
        });
    }
    for (auto& t : threads) t.join();
    return calls;
}

void attach_attempts(std::vector<CallView>& calls, const std::vector<Attempt>& attempts) {
    for (auto& c : calls)
        for (const auto& a : attempts)
            if (a.call_key == c.key) c.attempts.push_back(a);
}

}  // namespace rtc::conformance
