#include "core/service.h"

#include "core/uri.h"

namespace rtc {

MockService::MockService(Config config, std::shared_ptr<Clock> clock)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      scheduler_(clock_),
      errors_(config_.errors),
      verifier_(config_, *clock_),
      journal_(config_.journal.capacity, &hub_),
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

ApiResponse MockService::throttled_response(const ResponseMeta& meta, const std::string& action, int limit,
                                            std::int64_t retry_after_seconds, JournalEntry& entry) const {
    entry.throttled = true;
    ApiResponse resp = error_response(
        meta, {"Throttled", action + " is limited to " + std::to_string(limit) + " requests per second"},
        entry);
    if (retry_after_seconds < config_.rate_limits.min_retry_after_seconds)
        retry_after_seconds = config_.rate_limits.min_retry_after_seconds;
    resp.headers.push_back({"Retry-After", std::to_string(retry_after_seconds)});
    return resp;
}

ApiResponse MockService::fault_error_response(const ResponseMeta& meta, const faults::FaultHit& hit,
                                              JournalEntry& entry) const {
    ErrorDef def = hit.error.reason.empty() ? ErrorDef{hit.error.code, hit.error.code_n, std::nullopt}
                                            : errors_.lookup(hit.error.reason);
    std::string message =
        hit.error.message.empty() ? "fault " + hit.id + " injected by the admin API" : hit.error.message;
    ApiResponse resp;
    resp.status = hit.error.http_status ? *hit.error.http_status : errors_.http_status(def);
    resp.body = error_envelope(meta, def, message);
    entry.error_code = def.code;
    entry.error_message = message;
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

    bool routed = false;              // metrics label the action only once it is known (bounded labels)
    std::int64_t fault_delay_ms = 0;  // a latency fault: the HTTP layer holds the answer back this long
    auto finish = [&](ApiResponse resp) {
        resp.delay_ms += fault_delay_ms;
        entry.fault_delay_ms = resp.delay_ms;
        entry.http_status = resp.drop_connection ? 0 : resp.status;
        entry.latency_ms =
            static_cast<double>(steady_now_ns() - started_ns) / 1e6 + static_cast<double>(resp.delay_ms);
        metrics_.observe_request(routed ? action : "unknown",
                                 resp.drop_connection       ? entry.fault_type
                                 : entry.error_code.empty() ? "ok"
                                                            : entry.error_code,
                                 entry.http_status, entry.latency_ms / 1000.0);
        if (entry.throttled) metrics_.throttled();
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
    routed = true;

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

    // 2b. Faults: after authentication (a fault must not hide a signature error) and before the limiter (a
    //     faulted answer spends no budget). A latency fault lets the request go on and delays its answer.
    if (!faults_.empty()) {
        const std::string app = faults_.scopes_by_app() ? faults::request_app_id(req, query) : "";
        if (auto hit = faults_.match(action, verdict.principal.account_id, app, now)) {
            entry.fault = hit->id;
            if (!app.empty()) entry.app_id = app;
            entry.fault_type = faults::type_name(hit->type);
            metrics_.fault_injected(static_cast<int>(hit->type));
            switch (hit->type) {
                case faults::FaultType::Latency:
                    fault_delay_ms = hit->delay_ms;
                    break;
                case faults::FaultType::Drop:
                case faults::FaultType::Reset: {
                    ApiResponse resp;
                    resp.drop_connection = true;
                    resp.reset_connection = hit->type == faults::FaultType::Reset;
                    entry.error_message = "connection " +
                                          std::string(resp.reset_connection ? "reset" : "dropped") +
                                          " by fault " + hit->id;
                    return finish(std::move(resp));
                }
                case faults::FaultType::Throttle: {
                    int limit = limiter_.limit_for(verdict.principal.account_id, action, def->rate_limit);
                    entry.rate_limit = limit;
                    return finish(
                        throttled_response(meta, action, limit, hit->retry_after_seconds.value_or(0), entry));
                }
                case faults::FaultType::Error:
                    return finish(fault_error_response(meta, *hit, entry));
            }
        }
    }

    // 3. Throttle: only authenticated requests spend the account's budget.
    Admission adm = limiter_.admit(verdict.principal.account_id, action, def->rate_limit, now);
    entry.rate_limit = adm.limit;
    if (!adm.admitted)
        return finish(throttled_response(meta, action, adm.limit, (adm.retry_after_ms + 999) / 1000, entry));

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
    metrics_.observe_request("unknown", entry.error_code, entry.http_status, 0.0);
    journal_.record(std::move(entry));
    return resp;
}

void MockService::shutdown() {
    hub_.close();  // live streams end first: none may hold shutdown
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
    faults_.reset();
    if (auto* rc = dynamic_cast<RealClock*>(clock_.get())) rc->reset_offset();
    if (auto* vc = dynamic_cast<VirtualClock*>(clock_.get())) vc->set_ms(system_now_ms());
}

}  // namespace rtc
