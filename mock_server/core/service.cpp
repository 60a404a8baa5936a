#include "core/service.h"

#include "core/admin/service_admin.h"
#include "core/envelope.h"
#include "core/state/unavailable.h"
#include "core/uri.h"

namespace rtc {

MockService::MockService(Config config, ServiceDeps deps)
    : owned_(std::make_unique<ServiceParts>(std::move(config), std::move(deps))),
      p_(*owned_),
      admin_(std::make_unique<admin::ServiceAdmin>(p_)) {}

MockService::MockService(ServiceParts& parts)
    : p_(parts), admin_(std::make_unique<admin::ServiceAdmin>(p_)) {}

MockService::~MockService() = default;

admin::LiveAdmin& MockService::admin() {
    return *admin_;
}

namespace {

ResponseMeta meta_for(const Config& config, const std::string& action, const std::string& version,
                      TimeMs now) {
    return ResponseMeta{new_request_id(now), action, version, config.identity.service,
                        config.identity.region};
}

// Into the journal. By reference: a JournalEntry is some forty fields, and each move of it costs ~560
// instructions on a request that has nothing else this cheap to give up.
void post_entry(ServiceParts& parts, JournalEntry&& entry) {
    try {
        // Posted: an out-of-process journal costs the request no round trip; the event follows once stored.
        // The hub, not this service: the parts outlive the service, and settle before they go.
        parts.engine->journal().post(std::move(entry), [hub = &parts.hub](JournalEntryPtr stored) {
            if (hub->wants(events::kRequests)) hub->publish(events::RequestEvent{std::move(stored)});
        });
    } catch (const state::Unavailable&) {
        // the journal is in the engine that does not answer: the answer still goes out
    }
}

}  // namespace

// One request's way through handle(): the journal entry it fills as it goes and the answers it can give.
struct MockService::Pipeline {
    MockService& svc;
    const ApiRequest& req;
    ApiRequest* const owned_;
    const std::int64_t started_ns = steady_now_ns();
    const std::uint64_t round_trips_before = svc.p_.engine->round_trips_of_this_thread();
    const TimeMs now;
    const QueryParams query;
    ResponseMeta meta;
    JournalEntry entry;
    std::int64_t fault_delay_ms = 0;  // a latency fault: the HTTP layer holds the answer back this long

    // `owned`: the same request, when the caller gives it up: the journal then takes its parts without
    // copies.
    Pipeline(MockService& s, const ApiRequest& r, ApiRequest* owned = nullptr)
        : svc(s), req(r), owned_(owned), now(s.p_.clock->now_ms()), query(parse_query(r.raw_query)) {
        const std::string* a = find_param(query, "Action");
        const std::string* v = find_param(query, "Version");
        meta = meta_for(svc.p_.config, a ? *a : "", v ? *v : "", now);
        entry.time = now;
        entry.request_id = meta.request_id;
        entry.method = req.method;
        entry.action = meta.action;
        entry.version = meta.version;
        entry.remote_addr = req.remote_addr;
    }

    // The request as received, into its journal entry: once nothing reads `req` any more.
    void keep_request(bool with_body) {
        const std::size_t max = svc.p_.config.journal.max_body_bytes;
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
        entry.state_round_trips =
            static_cast<int>(svc.p_.engine->round_trips_of_this_thread() - round_trips_before);
        entry.http_status = resp.drop_connection ? 0 : resp.status;
        entry.latency_ms =
            static_cast<double>(steady_now_ns() - started_ns) / 1e6 + static_cast<double>(resp.delay_ms);
        keep_request(true);
        post_entry(svc.p_, std::move(entry));
        return resp;
    }

    // The error answer of a catalogue reason (or of an explicit definition: an "error" fault rule).
    ApiResponse error(const ErrorDef& def, const std::string& message,
                      std::optional<int> status = std::nullopt) {
        ApiResponse resp;
        resp.status = status ? *status : svc.p_.errors.http_status(def);
        resp.body = error_envelope(meta, def, message);
        entry.error_code = def.code;
        entry.error_message = message;
        return resp;
    }
    ApiResponse fail(const ApiError& err) {
        return finish(error(svc.p_.errors.lookup(err.reason), err.message));
    }

    // FlowLimitExceeded with Retry-After: the one throttled answer, of the limiter and of throttle faults.
    ApiResponse throttled(const std::string& action, int limit, std::int64_t retry_after_seconds) {
        entry.throttled = true;
        entry.rate_limit = limit;
        ApiResponse resp = error(svc.p_.errors.lookup("Throttled"),
                                 action + " is limited to " + std::to_string(limit) + " requests per second");
        retry_after_seconds =
            std::max(retry_after_seconds, svc.p_.config.rate_limits.min_retry_after_seconds);
        resp.headers.push_back({"Retry-After", std::to_string(retry_after_seconds)});
        return finish(std::move(resp));
    }

    // A fault rule's answer, or nullopt when the request goes on (no rule, or a latency rule).
    std::optional<ApiResponse> fault(const ActionDef& def, const signing::Principal& who) {
        state::FaultRules& rules = svc.p_.engine->fault_rules();
        if (rules.empty()) return std::nullopt;
        const std::string app = rules.scopes_by_app() ? faults::request_app_id(req, query) : "";
        auto hit = rules.match(def.name(), who.account_id, app, now);
        if (!hit) return std::nullopt;
        if (svc.p_.hub.wants(events::kFaults))
            svc.p_.hub.publish(events::FaultEvent{hit->id, hit->type, def.name(), now});
        entry.fault = hit->id;
        if (!app.empty()) entry.app_id = app;
        entry.fault_type = hit->type;
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
                                 svc.p_.limiter.limit_for(who.account_id, def.name(), def.rate_limit()),
                                 hit->retry_after_seconds.value_or(0));
            case faults::FaultType::Error: {
                const auto& e = hit->error;
                const ErrorDef d = e.reason.empty() ? ErrorDef{e.code, e.code_n, std::nullopt}
                                                    : svc.p_.errors.lookup(e.reason);
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
    try {
        return run(p, req);
    } catch (const state::Unavailable& e) {
        // Fail closed: no per-process fallback while the shared state does not answer.
        return p.fail({"StateUnavailable", e.what()});
    }
}

ApiResponse MockService::run(Pipeline& p, const ApiRequest& req) {
    const std::string& action = p.meta.action;
    const std::string& version = p.meta.version;

    // 1. Route: Action and Version pick the action before any authentication.
    if (!find_param(p.query, "Action") || action.empty())
        return p.fail({"MissingAction", "the Action query parameter is required"});
    if (!find_param(p.query, "Version") || version.empty())
        return p.fail({"MissingVersion", "the Version query parameter is required"});
    const ActionDef* def = p_.actions.find(action, version);
    if (!def) {
        std::string why = p_.actions.has_action(action)
                              ? "Version " + version + " is not supported for Action " + action
                              : "the Action " + action + " does not exist in version " + version;
        return p.fail({"UnknownActionOrVersion", why});
    }
    p.entry.routed = true;

    // 2. Authenticate.
    signing::Verdict verdict = p_.verifier.verify(req, p.query);
    p.entry.signature_form = verdict.form;
    p.entry.signature_verdict = verdict.verdict();
    p.entry.signed_headers = verdict.signed_headers;
    if (!verdict.ok) {
        p.entry.body_hash_received = verdict.body_hash_received;
        p.entry.body_hash_computed = verdict.body_hash_computed;
        if (*p.entry.signature_verdict == signing::SignatureVerdict::Mismatch) {
            p.entry.canonical_request = verdict.canonical_request;
            p.entry.string_to_sign = verdict.string_to_sign;
            if (p_.config.signature.diagnostics_in_message)
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
    Admission adm = p_.limiter.admit(verdict.principal.account_id, action, def->rate_limit(), p.now);
    p.entry.rate_limit = adm.limit;
    if (!adm.admitted) return p.throttled(action, adm.limit, (adm.retry_after_ms + 999) / 1000);

    // 5. Act: the family's handler, on its backend.
    ActionContext ctx{req, p.query, verdict.principal, *def->spec, p_.config.validation, p.now, p.entry};
    ActionResult result = [&] {
        try {
            return def->handler(ctx);
        } catch (const state::Unavailable&) {
            throw;  // answered as StateUnavailable (503) by run()
        } catch (const std::exception& e) {
            return ActionResult::failure("ServiceInternalError", std::string("internal error: ") + e.what());
        }
    }();
    if (!result.ok()) return p.fail(result.error());
    ApiResponse resp;
    const auto* text = std::get_if<ActionResult::Text>(&result.value());
    resp.body =
        text ? success_envelope_text(p.meta, text->json) : success_envelope(p.meta, result.document());
    return p.finish(std::move(resp));
}

ApiResponse MockService::reject(const ApiRequest& req, const std::string& reason,
                                const std::string& message) {
    Pipeline p(*this, req);
    ApiResponse resp = p.error(p_.errors.lookup(reason), message);
    p.keep_request(false);
    p.entry.latency_ms = 0;
    p.entry.http_status = resp.status;
    post_entry(p_, std::move(p.entry));
    return resp;
}

void MockService::record(JournalEntry entry) {
    post_entry(p_, std::move(entry));
}

void MockService::shutdown() {
    p_.shutdown();
}

}  // namespace rtc
