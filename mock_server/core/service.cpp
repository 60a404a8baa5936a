#include "core/service.h"

#include "core/callbacks/responses.h"
#include "core/config_check.h"
#include "core/uri.h"
#include "core/wbrecord/responses.h"
#include "core/webcast/responses.h"

namespace rtc {

MockService::MockService(Config config, std::shared_ptr<Clock> clock,
                         std::unique_ptr<webcast::PageSource> pages)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      scheduler_(clock_),
      errors_(config_.errors),
      actions_(config_.actions.versions),
      verifier_(config_.identity, config_.signature, config_.accounts, config_.temporary_credentials,
                *clock_),
      task_log_(std::make_shared<events::TaskLog>(config_.tasks.event_log_capacity)),
      journal_(config_.journal.capacity, &hub_),
      console_(config_),
      limiter_(config_.rate_limits),
      faults_(&hub_),
      callbacks_(config_, scheduler_, console_, hub_),
      webcast_(config_, scheduler_, console_, callbacks_, hub_, std::move(pages)),
      wbrecord_(config_, console_, hub_) {
    hub_.subscribe(metrics_.feed(), events::kRequests | events::kDeliveries | events::kFaults);
    hub_.subscribe(task_log_, events::kTasks);
    webcast::register_webcast_actions(actions_, webcast_);
    wbrecord::register_wbrecord_actions(actions_, wbrecord_);
    callbacks::register_callback_actions(actions_, callbacks_);
    check_config(config_, actions_);
}

MockService::~MockService() {
    scheduler_.stop();
    webcast_.shutdown();
}

ResponseMeta MockService::meta_for(const std::string& action, const std::string& version, TimeMs now) const {
    return ResponseMeta{new_request_id(now), action, version, config_.identity.service,
                        config_.identity.region};
}

// One request's way through handle(): the journal entry it fills as it goes and the answers it can give.
struct MockService::Pipeline {
    MockService& svc;
    const ApiRequest& req;
    ApiRequest* const owned_;
    const std::int64_t started_ns = steady_now_ns();
    const TimeMs now;
    const QueryParams query;
    ResponseMeta meta;
    JournalEntry entry;
    std::int64_t fault_delay_ms = 0;  // a latency fault: the HTTP layer holds the answer back this long

    // `owned`: the same request, when the caller gives it up: the journal then takes its parts without
    // copies.
    Pipeline(MockService& s, const ApiRequest& r, ApiRequest* owned = nullptr)
        : svc(s), req(r), owned_(owned), now(s.clock_->now_ms()), query(parse_query(r.raw_query)) {
        const std::string* a = find_param(query, "Action");
        const std::string* v = find_param(query, "Version");
        meta = svc.meta_for(a ? *a : "", v ? *v : "", now);
        entry.time = now;
        entry.request_id = meta.request_id;
        entry.method = req.method;
        entry.action = meta.action;
        entry.version = meta.version;
        entry.remote_addr = req.remote_addr;
    }

    // The request as received, into its journal entry: once nothing reads `req` any more.
    void keep_request(bool with_body) {
        const std::size_t max = svc.config_.journal.max_body_bytes;
        if (owned_) {
            entry.query = std::move(owned_->raw_query);
            entry.headers = std::move(owned_->headers);
        } else {
            entry.query = req.raw_query;
            entry.headers = req.headers;
        }
        if (!with_body) return;
        entry.body_truncated = req.body.size() > max;
        if (owned_ && !entry.body_truncated)
            entry.body = std::move(owned_->body);
        else
            entry.body = req.body.substr(0, max);
    }

    ApiResponse finish(ApiResponse resp) {
        resp.delay_ms += fault_delay_ms;
        entry.fault_delay_ms = resp.delay_ms;
        entry.http_status = resp.drop_connection ? 0 : resp.status;
        entry.latency_ms =
            static_cast<double>(steady_now_ns() - started_ns) / 1e6 + static_cast<double>(resp.delay_ms);
        keep_request(true);
        svc.journal_.record(std::move(entry));
        return resp;
    }

    // The error answer of a catalogue reason (or of an explicit definition: an "error" fault rule).
    ApiResponse error(const ErrorDef& def, const std::string& message,
                      std::optional<int> status = std::nullopt) {
        ApiResponse resp;
        resp.status = status ? *status : svc.errors_.http_status(def);
        resp.body = error_envelope(meta, def, message);
        entry.error_code = def.code;
        entry.error_message = message;
        return resp;
    }
    ApiResponse fail(const ApiError& err) {
        return finish(error(svc.errors_.lookup(err.reason), err.message));
    }

    // FlowLimitExceeded with Retry-After: the one throttled answer, of the limiter and of throttle faults.
    ApiResponse throttled(const std::string& action, int limit, std::int64_t retry_after_seconds) {
        entry.throttled = true;
        entry.rate_limit = limit;
        ApiResponse resp = error(svc.errors_.lookup("Throttled"),
                                 action + " is limited to " + std::to_string(limit) + " requests per second");
        retry_after_seconds = std::max(retry_after_seconds, svc.config_.rate_limits.min_retry_after_seconds);
        resp.headers.push_back({"Retry-After", std::to_string(retry_after_seconds)});
        return finish(std::move(resp));
    }

    // A fault rule's answer, or nullopt when the request goes on (no rule, or a latency rule).
    std::optional<ApiResponse> fault(const ActionDef& def, const signing::Principal& who) {
        if (svc.faults_.empty()) return std::nullopt;
        const std::string app = svc.faults_.scopes_by_app() ? faults::request_app_id(req, query) : "";
        auto hit = svc.faults_.match(def.name(), who.account_id, app, now);
        if (!hit) return std::nullopt;
        entry.fault = hit->id;
        if (!app.empty()) entry.app_id = app;
        entry.fault_type = faults::type_name(hit->type);
        switch (hit->type) {
            case faults::FaultType::Latency:
                fault_delay_ms = hit->delay_ms;
                return std::nullopt;
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
            case faults::FaultType::Throttle:
                return throttled(def.name(),
                                 svc.limiter_.limit_for(who.account_id, def.name(), def.rate_limit()),
                                 hit->retry_after_seconds.value_or(0));
            case faults::FaultType::Error: {
                const auto& e = hit->error;
                const ErrorDef d = e.reason.empty() ? ErrorDef{e.code, e.code_n, std::nullopt}
                                                    : svc.errors_.lookup(e.reason);
                return finish(error(
                    d, e.message.empty() ? "fault " + hit->id + " injected by the admin API" : e.message,
                    e.http_status));
            }
        }
        return std::nullopt;
    }
};

ApiResponse MockService::handle(const ApiRequest& req) {
    return run(req, nullptr);
}

ApiResponse MockService::handle(ApiRequest&& req) {
    return run(req, &req);
}

ApiResponse MockService::run(const ApiRequest& req, ApiRequest* owned) {
    Pipeline p(*this, req, owned);
    const std::string& action = p.meta.action;
    const std::string& version = p.meta.version;

    // 1. Route: Action and Version pick the action before any authentication.
    if (!find_param(p.query, "Action") || action.empty())
        return p.fail({"MissingAction", "the Action query parameter is required"});
    if (!find_param(p.query, "Version") || version.empty())
        return p.fail({"MissingVersion", "the Version query parameter is required"});
    const ActionDef* def = actions_.find(action, version);
    if (!def) {
        std::string why = actions_.has_action(action)
                              ? "Version " + version + " is not supported for Action " + action
                              : "the Action " + action + " does not exist in version " + version;
        return p.fail({"UnknownActionOrVersion", why});
    }
    p.entry.routed = true;

    // 2. Authenticate.
    signing::Verdict verdict = verifier_.verify(req, p.query);
    p.entry.signature_form = verdict.form;
    p.entry.signature_verdict = verdict.verdict();
    p.entry.signed_headers = verdict.signed_headers;
    if (!verdict.ok) {
        p.entry.body_hash_received = verdict.body_hash_received;
        p.entry.body_hash_computed = verdict.body_hash_computed;
        if (*p.entry.signature_verdict == signing::SignatureVerdict::Mismatch) {
            p.entry.canonical_request = verdict.canonical_request;
            p.entry.string_to_sign = verdict.string_to_sign;
            if (config_.signature.diagnostics_in_message)
                verdict.error.message += "; server CanonicalRequest: " + verdict.canonical_request +
                                         "; server StringToSign: " + verdict.string_to_sign;
        }
        return p.fail(verdict.error);
    }
    p.entry.account_id = verdict.principal.account_id;
    p.entry.access_key = verdict.principal.access_key;
    // The method is checked once the signature is: a GET signed and re-sent as POST is a signature mismatch.
    if (req.method != def->method())
        return p.fail({"WrongMethod", action + " is called with " + def->method() + ", not " + req.method});

    // 3. Faults: after authentication (a fault must not hide a signature error) and before the limiter (a
    //    faulted answer spends no budget). A latency fault lets the request go on and delays its answer.
    if (auto answered = p.fault(*def, verdict.principal)) return std::move(*answered);

    // 4. Throttle: only authenticated requests spend the account's budget.
    Admission adm = limiter_.admit(verdict.principal.account_id, action, def->rate_limit(), p.now);
    p.entry.rate_limit = adm.limit;
    if (!adm.admitted) return p.throttled(action, adm.limit, (adm.retry_after_ms + 999) / 1000);

    // 5. Act: the family's handler, on its backend.
    ActionContext ctx{req,   p.query, verdict.principal, *def->spec, config_.validation, p.now, {}, {}, {},
                      false, {}};
    ActionResult result;
    try {
        result = def->handler(ctx);
    } catch (const std::exception& e) {
        result = ActionResult::failure("ServiceInternalError", std::string("internal error: ") + e.what());
    }
    if (!ctx.app_id.empty()) p.entry.app_id = ctx.app_id;
    p.entry.unknown_fields = std::move(ctx.unknown_fields);
    p.entry.business_id = std::move(ctx.business_id);
    p.entry.callback_routed = ctx.callback_routed;
    p.entry.callback_business_id = std::move(ctx.callback_business_id);
    if (!result.ok) return p.fail(result.error);
    ApiResponse resp;
    resp.body = result.result_text.empty() ? success_envelope(p.meta, result.result)
                                           : success_envelope_text(p.meta, result.result_text);
    return p.finish(std::move(resp));
}

ApiResponse MockService::reject(const ApiRequest& req, const std::string& reason,
                                const std::string& message) {
    Pipeline p(*this, req);
    ApiResponse resp = p.error(errors_.lookup(reason), message);
    p.keep_request(false);
    p.entry.latency_ms = 0;
    p.entry.http_status = resp.status;
    journal_.record(std::move(p.entry));
    return resp;
}

void MockService::shutdown() {
    hub_.close();  // live streams end first: none may hold shutdown
    scheduler_.stop();
    webcast_.shutdown();
    callbacks_.shutdown();
}

void MockService::reset() {
    scheduler_.cancel_all();
    journal_.clear();
    task_log_->clear();
    limiter_.reset();
    webcast_.reset();
    wbrecord_.reset();
    callbacks_.reset();
    console_.reset();
    faults_.reset();
    if (auto* rc = dynamic_cast<RealClock*>(clock_.get())) rc->reset_offset();
    if (auto* vc = dynamic_cast<VirtualClock*>(clock_.get())) vc->set_ms(system_now_ms());
}

}  // namespace rtc
