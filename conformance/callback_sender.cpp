#include "conformance/callback_sender.h"

#include <httplib.h>

#include "conformance/random_token.h"
#include "core/timefmt.h"

namespace rtc::conformance {

using json = nlohmann::json;

CallbackSender::CallbackSender(const Config& config, const Clock& clock, const std::string& client,
                               std::string secret, std::string run_id)
    : config_(config),
      clock_(clock),
      secret_(std::move(secret)),
      run_id_(std::move(run_id)),
      receiver_(client, {{"RTC_CALLBACK_SECRET", secret_}}) {}

callbacks::CallbackEnvelope CallbackSender::fresh_envelope() {
    const TimeMs now = clock_.now_ms();
    callbacks::CallbackEnvelope e;
    e.event_type = config_.callbacks.event_type;
    e.version = config_.callbacks.version;
    e.app_id = config_.apps.empty() ? "600000000000000000000000" : config_.apps.front().app_id;
    e.event_data = json{
        {"AppId", e.app_id},
        {"BusinessId", ""},
        {"RoomId", "conformance-room"},
        {"TaskId", "cb-" + run_id_},
        {"UserId", "conformance-user"},
        {"Status", 1},
        {"Reason", ""},
        {"Timestamp",
         now}}.dump();
    e.event_time = format_rfc3339(now);
    e.event_id = "cf-" + run_id_ + "-" + random_token(8);
    e.nonce = random_token(4);
    e.signature = callbacks::callback_signature(e, secret_);
    return e;
}

std::vector<Delivery> CallbackSender::deliver(const Scenario& s, std::string& problem) {
    std::vector<Delivery> out;
    problem = receiver_.ensure_started();
    if (!problem.empty()) return out;
    httplib::Client cli("127.0.0.1", receiver_.port());
    cli.set_connection_timeout(2);
    cli.set_read_timeout(s.callback.value("TimeoutMs", 5000) / 1000 + 2);
    callbacks::CallbackEnvelope last;
    for (const auto& k : s.callback.value("Send", json::array())) {
        const std::string kind = k.get<std::string>();
        callbacks::CallbackEnvelope e = kind == "duplicate" ? last : fresh_envelope();
        if (kind == "tampered") {
            // Signed, then the payload changed: what a forger or a corrupting proxy sends.
            e.event_data =
                json{{"AppId", e.app_id}, {"TaskId", "cb-" + run_id_}, {"Status", 5}, {"Reason", "PageCrash"}}
                    .dump();
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

}  // namespace rtc::conformance
