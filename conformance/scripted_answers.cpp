#include "conformance/scripted_answers.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "core/actions/spec.h"
#include "core/enum_names.h"
#include "core/uri.h"

namespace rtc::conformance {

using json = nlohmann::json;

namespace {

using Step = ScriptedAnswers::Step;

constexpr EnumName<Step> kSteps[] = {{Step::Mock, "mock"},   {Step::Ok, "ok"},   {Step::Error, "error"},
                                     {Step::Limit, "limit"}, {Step::Raw, "raw"}, {Step::Drop, "drop"},
                                     {Step::Stall, "stall"}};

std::string param_value(const ApiRequest& req, const QueryParams& q, const std::string& key) {
    if (const std::string* v = find_param(q, key)) return *v;
    json body = json::parse(req.body, nullptr, false);
    if (body.is_object() && body.contains(key)) {
        const json& v = body[key];
        return v.is_string() ? v.get<std::string>() : v.dump();
    }
    return "";
}

}  // namespace

// The attempts seen so far per call key, for the step of the next one. Attempts arrive on the front's
// threads.
struct ScriptedAnswers::AttemptCounts {
    std::mutex mu;
    std::map<std::string, int> by_call;
};

ScriptedAnswers::ScriptedAnswers(const Config& config, const Clock& clock, MockTarget& mock)
    : config_(config),
      clock_(clock),
      mock_(mock),
      verifier_(config.identity, config.signature, config.accounts, config.temporary_credentials, clock),
      errors_(config.errors),
      limiter_(config.rate_limits, windows_) {}

Front::Responder ScriptedAnswers::responder(const Scenario& s) {
    return [this, &s, counts = std::make_shared<AttemptCounts>()](Attempt& at) {
        return respond(s, *counts, at);
    };
}

ResponseMeta ScriptedAnswers::meta(const QueryParams& q) const {
    const std::string* a = find_param(q, "Action");
    const std::string* v = find_param(q, "Version");
    return ResponseMeta{new_request_id(clock_.now_ms()), a ? *a : "", v ? *v : "", config_.identity.service,
                        config_.identity.region};
}

Answer ScriptedAnswers::error_answer(const QueryParams& q, const std::string& reason,
                                     const std::string& message, bool http200, int retry_after, Attempt& at) {
    const ErrorDef& def = errors_.lookup(reason);
    Answer ans;
    ans.status = http200 ? 200 : errors_.http_status(def);
    ans.body = error_envelope(meta(q), def, message);
    if (retry_after > 0) ans.headers.push_back({"Retry-After", std::to_string(retry_after)});
    at.status = ans.status;
    at.answer_code = def.code;
    at.retry_after_s = retry_after;
    return ans;
}

Answer ScriptedAnswers::forward(Attempt& at) {
    ApiResponse r = mock_.forward(at.request);
    Answer ans;
    ans.status = r.status;
    ans.headers = r.headers;
    ans.body = r.body;
    at.answer_kind = AnswerKind::Mock;
    at.status = r.status;
    json body = json::parse(r.body, nullptr, false);
    if (body.is_object() && body.contains("ResponseMetadata") && body["ResponseMetadata"].contains("Error"))
        at.answer_code = body["ResponseMetadata"]["Error"].value("Code", "");
    for (const auto& h : r.headers)
        if (iequals(h.name, "Retry-After")) at.retry_after_s = std::atoi(h.value.c_str());
    return ans;
}

Answer ScriptedAnswers::respond(const Scenario& s, AttemptCounts& counts, Attempt& at) {
    const QueryParams q = parse_query(at.request.raw_query);
    at.call_key = s.calls > 1 ? param_value(at.request, q, s.call_key) : "";
    signing::Verdict v = verifier_.verify(at.request, q);
    at.verdict = v.verdict();
    if (!v.ok) {
        const ErrorDef& def = errors_.lookup(v.error.reason);
        at.verdict_code = def.code;
        at.verdict_message = v.error.message;
        at.canonical_request = v.canonical_request;
    }
    int index;
    {
        std::lock_guard<std::mutex> lock(counts.mu);
        index = counts.by_call[at.call_key]++;
    }
    const json& step =
        s.responses[std::min<std::size_t>(static_cast<std::size_t>(index), s.responses.size() - 1)];
    const std::string name = step.value("Answer", "mock");
    const std::optional<Step> kind = value_of(kSteps, name);
    // The service never answers a badly signed request with anything but its gateway error.
    if (!v.ok || kind == Step::Mock) return forward(at);
    at.answer_kind = AnswerKind::Scripted;
    Answer ans = kind ? scripted(*kind, step, q, v, at)
                      : error_answer(q, "InternalError", "unknown scripted Answer " + name, false, 0, at);
    ans.delay_ms = step.value("DelayMs", 0);
    return ans;
}

Answer ScriptedAnswers::scripted(Step kind, const json& step, const QueryParams& q, const signing::Verdict& v,
                                 Attempt& at) {
    Answer ans;
    switch (kind) {
        case Step::Mock:  // respond() forwards it before it gets here
            return forward(at);
        case Step::Ok:
            ans.body = success_envelope(meta(q), step.value("Result", json("ok")));
            at.status = 200;
            break;
        case Step::Error:
            ans = error_answer(q, step.value("Reason", "ServiceInternalError"),
                               step.value("Message", "scripted by rtc-conformance"),
                               step.value("Http200", false), step.value("RetryAfter", 0), at);
            break;
        case Step::Limit: {
            // The action's declared limit (see admit()).
            const std::string* action = find_param(q, "Action");
            const spec::ActionSpec* as = action ? spec::find_action_spec(*action) : nullptr;
            Admission adm = limiter_.admit(v.principal.account_id, action ? *action : "",
                                           as ? as->rate_limit : 0, clock_.now_ms());
            if (adm.admitted) {
                ans.body = success_envelope(meta(q), "ok");
                at.status = 200;
                break;
            }
            std::int64_t secs = (adm.retry_after_ms + 999) / 1000;
            if (secs < config_.rate_limits.min_retry_after_seconds)
                secs = config_.rate_limits.min_retry_after_seconds;
            ans =
                error_answer(q, "Throttled", "over the declared limit of " + std::to_string(adm.limit) + "/s",
                             false, static_cast<int>(secs), at);
            break;
        }
        case Step::Raw:
            // What a proxy or load balancer in front of the service sends: a status with no API envelope.
            ans.status = step.value("Status", 502);
            ans.body = step.value("Body", "");
            ans.headers.push_back({"Content-Type", step.value("ContentType", "text/html")});
            at.status = ans.status;
            at.answer_code = "HTTP" + std::to_string(ans.status);
            break;
        case Step::Drop:
            ans.reply = Reply::Drop;
            at.answer_kind = AnswerKind::Drop;
            break;
        case Step::Stall:
            ans.reply = Reply::Stall;
            ans.stall_ms = step.value("HoldMs", 15000);
            at.answer_kind = AnswerKind::Stall;
            break;
    }
    return ans;
}

}  // namespace rtc::conformance
