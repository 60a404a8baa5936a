#include "core/service.h"

#include "core/uri.h"

namespace rtc {

MockService::MockService(Config config, std::shared_ptr<Clock> clock)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      scheduler_(clock_),
      errors_(config_.errors),
      verifier_(config_, *clock_),
      journal_(config_.journal.capacity),
      console_(config_),
      limiter_(config_.rate_limits) {
    register_all_actions(actions_);
}

MockService::~MockService() {
    scheduler_.stop();
}

ResponseMeta MockService::meta_for(const std::string& action, const std::string& version, TimeMs now) const {
    return ResponseMeta{new_request_id(now), action, version, config_.identity.service,
                        config_.identity.region};
}

ApiResponse MockService::error_response(const ResponseMeta& meta, const ApiError& err,
                                        JournalEntry& entry) const {
    const ErrorDef& def = errors_.lookup(err.reason);
    ApiResponse resp;
    resp.status = errors_.http_status(def);
    resp.body = error_envelope(meta, def, err.message);
    entry.http_status = resp.status;
    entry.error_code = def.code;
    entry.error_message = err.message;
    return resp;
}

ApiResponse MockService::handle(const ApiRequest& req) {
    const std::int64_t started_ns = steady_now_ns();
    const TimeMs now = clock_->now_ms();
    const QueryParams query = parse_query(req.raw_query);
    const std::string* action_p = find_param(query, "Action");
    const std::string* version_p = find_param(query, "Version");
    const std::string action = action_p ? *action_p : "";
    const std::string version = version_p ? *version_p : "";
    ResponseMeta meta = meta_for(action, version, now);

    JournalEntry entry;
    entry.time = now;
    entry.request_id = meta.request_id;
    entry.method = req.method;
    entry.action = action;
    entry.version = version;
    entry.remote_addr = req.remote_addr;
    entry.query = req.raw_query;
    entry.headers = req.headers;
    entry.body = req.body.substr(0, config_.journal.max_body_bytes);
    entry.body_truncated = req.body.size() > config_.journal.max_body_bytes;

    auto finish = [&](ApiResponse resp) {
        entry.http_status = resp.status;
        entry.latency_ms = static_cast<double>(steady_now_ns() - started_ns) / 1e6;
        journal_.record(std::move(entry));
        return resp;
    };
    auto fail = [&](const ApiError& err) { return finish(error_response(meta, err, entry)); };

    // 1. Route: Action and Version pick the action before any authentication.
    if (!action_p || action.empty()) return fail({"MissingAction", "the Action query parameter is required"});
    if (!version_p || version.empty())
        return fail({"MissingVersion", "the Version query parameter is required"});
    const ActionDef* def = actions_.find(action, version);
    if (!def) {
        std::string why = actions_.has_action(action)
                              ? "Version " + version + " is not supported for Action " + action
                              : "the Action " + action + " does not exist in version " + version;
        return fail({"UnknownActionOrVersion", why});
    }

    // 2. Authenticate.
    signing::Verdict verdict = verifier_.verify(req, query);
    entry.signature_form = verdict.form;
    entry.signed_headers = verdict.signed_headers;
    if (!verdict.ok) {
        const bool mismatch = verdict.error.reason == "SignatureMismatch";
        entry.signature_verdict = verdict.form.empty() ? "unsigned" : (mismatch ? "mismatch" : "invalid");
        if (mismatch) {
            entry.canonical_request = verdict.canonical_request;
            entry.string_to_sign = verdict.string_to_sign;
            if (config_.signature.diagnostics_in_message)
                verdict.error.message += "; server CanonicalRequest: " + verdict.canonical_request +
                                         "; server StringToSign: " + verdict.string_to_sign;
        }
        return fail(verdict.error);
    }
    entry.signature_verdict = "ok";
    entry.account_id = verdict.principal.account_id;
    entry.access_key = verdict.principal.access_key;
    // The method is checked once the signature is: a GET signed and re-sent as POST is a signature mismatch.
    if (req.method != def->method)
        return fail({"WrongMethod", action + " is called with " + def->method + ", not " + req.method});

    // 3. Throttle: only authenticated requests spend the account's budget.
    Admission adm = limiter_.admit(verdict.principal.account_id, action, def->rate_limit, now);
    entry.rate_limit = adm.limit;
    if (!adm.admitted) {
        entry.throttled = true;
        ApiResponse resp = error_response(
            meta,
            {"Throttled", action + " is limited to " + std::to_string(adm.limit) + " requests per second"},
            entry);
        std::int64_t secs = (adm.retry_after_ms + 999) / 1000;
        if (secs < config_.rate_limits.min_retry_after_seconds)
            secs = config_.rate_limits.min_retry_after_seconds;
        resp.headers.push_back({"Retry-After", std::to_string(secs)});
        return finish(std::move(resp));
    }

    // 4. Act.
    ActionContext ctx{req, query, verdict.principal, *this, now, {}, {}};
    ActionResult result;
    try {
        result = def->handler(ctx);
    } catch (const std::exception& e) {
        result = ActionResult::failure("ServiceInternalError", std::string("internal error: ") + e.what());
    }
    entry.app_id = ctx.app_id;
    entry.unknown_fields = std::move(ctx.unknown_fields);
    if (!result.ok) return fail(result.error);
    ApiResponse resp;
    resp.body = success_envelope(meta, result.result);
    return finish(std::move(resp));
}

ApiResponse MockService::reject(const ApiRequest& req, const std::string& reason,
                                const std::string& message) {
    const TimeMs now = clock_->now_ms();
    const QueryParams query = parse_query(req.raw_query);
    const std::string* a = find_param(query, "Action");
    const std::string* v = find_param(query, "Version");
    ResponseMeta meta = meta_for(a ? *a : "", v ? *v : "", now);
    JournalEntry entry;
    entry.time = now;
    entry.request_id = meta.request_id;
    entry.method = req.method;
    entry.action = meta.action;
    entry.version = meta.version;
    entry.remote_addr = req.remote_addr;
    entry.query = req.raw_query;
    entry.headers = req.headers;
    ApiResponse resp = error_response(meta, {reason, message}, entry);
    journal_.record(std::move(entry));
    return resp;
}

void MockService::shutdown() {
    scheduler_.stop();
    lifecycle_.shutdown();
    outbox_.shutdown();
}

void MockService::reset() {
    scheduler_.cancel_all();
    journal_.clear();
    limiter_.reset();
    webcasts_.clear();
    wbrecords_.clear();
    lifecycle_.reset();
    outbox_.reset();
    console_.reset();
    if (auto* rc = dynamic_cast<RealClock*>(clock_.get())) rc->reset_offset();
    if (auto* vc = dynamic_cast<VirtualClock*>(clock_.get())) vc->set_ms(system_now_ms());
}

}  // namespace rtc
