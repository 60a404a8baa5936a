#include "core/callbacks/outbox.h"

#include <atomic>

#include "core/state/unavailable.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "core/callbacks/callback_signature.h"
#include "core/crypto.h"
#include "core/timefmt.h"

namespace rtc::callbacks {

std::string new_event_id() {
    return to_hex(random_bytes(16));
}

namespace {

std::string new_nonce() {
    std::string bytes = random_bytes(4);
    std::string out;
    for (unsigned char c : bytes) out += static_cast<char>('0' + c % 10);
    return out;
}

bool subscribed(const AppCallback& cb, const std::string& event_type) {
    return cb.events.empty() || std::find(cb.events.begin(), cb.events.end(), event_type) != cb.events.end();
}

AttemptRecord record_of(const DeliveryRecord& d, int attempt, bool resend) {
    AttemptRecord r;
    r.delivery_id = d.base.delivery_id;
    r.event_id = d.base.event_id;
    r.event_type = d.event_type;
    r.app_id = d.base.app_id;
    r.business_id = d.business_id;
    r.task = d.task;
    r.url = d.base.url;
    r.attempt = attempt;
    r.resend = resend;
    r.body = d.base.body;
    return r;
}

}  // namespace

// What is on the wire belongs to this process; everything else is the engine's (state::Deliveries). One lock
// orders this process's steps on a delivery (send, complete, retry, shutdown).
struct Outbox::Impl : std::enable_shared_from_this<Outbox::Impl> {
    struct InFlight {
        std::string delivery_id;
        int attempt = 0;
        bool resend = false;
        TimeMs sent_at = 0;
    };

    Impl(const CallbackSettings& s, state::Deliveries& d, const events::Hub& h, const Clock& c)
        : settings(s), deliveries(d), hub(h), clock(c) {}

    const CallbackSettings& settings;
    state::Deliveries& deliveries;
    const events::Hub& hub;
    const Clock& clock;

    mutable std::mutex mu;
    std::shared_ptr<CallbackTransport> transport;
    std::uint64_t epoch = 0;  // bumps on reset: late completions of an older epoch are dropped
    std::uint64_t next_token = 1;
    bool stopping = false;
    std::atomic<bool> shared{false};  // the engine is shared: pending work outlives this process
    std::map<std::uint64_t, InFlight> in_flight;

    // Journals an attempt and publishes it. Under mu.
    void record(AttemptRecord r) {
        r = deliveries.record(std::move(r));
        if (hub.wants(events::kDeliveries))
            hub.publish(events::DeliveryEvent{std::make_shared<const AttemptRecord>(std::move(r))});
    }

    void abandon(const DeliveryRecord& d, int attempt, bool resend, TimeMs time, std::string why,
                 TimeMs next_retry_at = 0) {
        AttemptRecord r = record_of(d, attempt, resend);
        r.time = time;
        r.outcome = DeliveryOutcome::Abandoned;
        r.error = std::move(why);
        r.next_retry_at = next_retry_at;
        record(std::move(r));
    }

    // Puts one attempt on the wire. Called without `mu` held (the transport may answer synchronously).
    void send(const std::string& delivery_id, int attempt, bool resend) {
        Delivery d;
        std::uint64_t token, my_epoch;
        std::shared_ptr<CallbackTransport> t;
        {
            std::lock_guard<std::mutex> lock(mu);
            auto rec = deliveries.begin_attempt(delivery_id, attempt);
            if (!rec) return;
            d = std::move(rec->base);
            d.attempt = attempt;
            d.timeout_ms = settings.timeout_ms;
            token = next_token++;
            my_epoch = epoch;
            in_flight[token] = InFlight{delivery_id, attempt, resend, clock.now_ms()};
            t = transport;
        }
        if (!t) {
            complete(token, my_epoch, DeliveryResult{0, "no callback transport installed", 0});
            return;
        }
        std::weak_ptr<Impl> weak = shared_from_this();
        t->send(std::move(d), [weak, token, my_epoch](DeliveryResult r) {
            auto self = weak.lock();
            if (!self) return;
            try {
                self->complete(token, my_epoch, std::move(r));
            } catch (const state::Unavailable&) {
                // The shared state is away: the attempt's outcome is lost, and the retry (if any) with it;
                // the sender's thread goes on.
            }
        });
    }

    void complete(std::uint64_t token, std::uint64_t my_epoch, DeliveryResult r) {
        std::optional<std::string> next_in_task;
        {
            std::lock_guard<std::mutex> lock(mu);
            if (my_epoch != epoch) return;
            auto fit = in_flight.find(token);
            if (fit == in_flight.end()) return;  // recorded as abandoned by shutdown
            const InFlight f = fit->second;
            in_flight.erase(fit);
            deliveries.end_attempt(f.delivery_id);
            auto d = deliveries.find(f.delivery_id);
            if (!d) return;
            AttemptRecord rec = record_of(*d, f.attempt, f.resend);
            rec.time = f.sent_at;
            rec.http_status = r.http_status;
            rec.error = r.error;
            rec.duration_ms = r.duration_ms;
            const bool ok = r.http_status == 200 && r.error.empty();
            if (!ok && rec.error.empty()) rec.error = "HTTP " + std::to_string(r.http_status) + " is not 200";
            const std::size_t retries_left =
                settings.retry_delays_ms.size() >= static_cast<std::size_t>(f.attempt)
                    ? settings.retry_delays_ms.size() - static_cast<std::size_t>(f.attempt) + 1
                    : 0;
            if (ok) {
                rec.outcome = DeliveryOutcome::Delivered;
            } else if (f.resend || retries_left == 0) {
                rec.outcome = DeliveryOutcome::Failed;
            } else if (stopping) {
                rec.outcome = DeliveryOutcome::Abandoned;
                rec.error += "; retry abandoned: shutting down";
            } else {
                const TimeMs due =
                    clock.now_ms() + settings.retry_delays_ms[static_cast<std::size_t>(f.attempt) - 1];
                deliveries.schedule_retry(f.delivery_id, f.attempt + 1, due);
                rec.outcome = DeliveryOutcome::Retrying;
                rec.next_retry_at = due;
            }
            record(std::move(rec));
            if (f.attempt == 1 && !f.resend && d->holds_task_slot)
                next_in_task = deliveries.release_task_slot(d->task);
        }
        if (next_in_task) send(*next_in_task, 1, false);
    }
};

Outbox::Outbox(const CallbackSettings& settings, state::Deliveries& deliveries, const events::Hub& hub,
               const Clock& clock)
    : impl_(std::make_shared<Impl>(settings, deliveries, hub, clock)) {}

Outbox::~Outbox() {
    shutdown();
}

void Outbox::set_transport(std::shared_ptr<CallbackTransport> transport) {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->transport = std::move(transport);
}

std::string Outbox::emit(const CallbackSetting& to, const std::string& task, const nlohmann::json& event_data,
                         TimeMs when) {
    const auto& s = impl_->settings;
    if (to.callback.url.empty() || !subscribed(to.callback, s.event_type)) return "";
    CallbackEnvelope env;
    env.event_type = s.event_type;
    env.event_data = event_data.dump();
    env.event_time = format_rfc3339(when);
    env.event_id = new_event_id();
    env.app_id = to.app_id;
    env.version = s.version;
    env.nonce = new_nonce();
    env.signature = callback_signature(env, to.callback.secret_key);

    DeliveryRecord d;
    d.base.delivery_id = env.event_id;
    d.base.event_id = env.event_id;
    d.base.app_id = to.app_id;
    d.base.url = to.callback.url;
    d.base.body = env.to_json().dump();
    d.base.attempt = 0;
    d.event_type = env.event_type;
    d.business_id = to.business_id;
    d.task = task;
    bool send_now = true;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (impl_->stopping) {
            impl_->abandon(d, 1, false, impl_->clock.now_ms(), "raised while shutting down");
            return env.event_id;
        }
        impl_->deliveries.add(d);
        if (!task.empty()) send_now = impl_->deliveries.take_task_slot(task, env.event_id);
    }
    if (send_now) impl_->send(env.event_id, 1, false);
    return env.event_id;
}

bool Outbox::resend(const std::string& delivery_id, std::string& error) {
    int attempt;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        auto d = impl_->deliveries.find(delivery_id);
        if (!d) {
            error = "no delivery " + delivery_id + " (unknown, or dropped from the bounded journal)";
            return false;
        }
        if (impl_->stopping) {
            error = "shutting down";
            return false;
        }
        attempt = d->base.attempt + 1;
    }
    impl_->send(delivery_id, attempt, true);
    return true;
}

std::vector<AttemptRecord> Outbox::attempts(const AttemptQuery& q) const {
    return impl_->deliveries.attempts(q);
}

std::size_t Outbox::in_flight() const {
    std::lock_guard<std::mutex> lock(impl_->mu);
    return impl_->in_flight.size();
}

std::size_t Outbox::retries_pending() const {
    return impl_->deliveries.retries_pending();
}

std::optional<TimeMs> Outbox::next_due() const {
    return impl_->deliveries.next_due();
}

std::size_t Outbox::run_due(TimeMs now) {
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (impl_->stopping) return 0;
    }
    auto due = impl_->deliveries.claim_due(now);
    for (const auto& r : due) impl_->send(r.delivery_id, r.attempt, false);
    return due.size();
}

void Outbox::reset() {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->epoch++;
    impl_->in_flight.clear();
    impl_->stopping = false;
}

void Outbox::leave_pending_to_others() {
    impl_->shared.store(true, std::memory_order_relaxed);
}

void Outbox::shutdown() {
    std::vector<DueRetry> due;
    std::shared_ptr<CallbackTransport> transport;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (impl_->stopping) return;
        impl_->stopping = true;
        transport = impl_->transport;
        const TimeMs now = impl_->clock.now_ms();
        // A shared engine's retries and queues are every replica's: the others send them.
        const bool mine = !impl_->shared.load(std::memory_order_relaxed);
        for (auto& r : mine ? impl_->deliveries.take_retries() : std::vector<DueRetry>{}) {
            if (r.when <= now) {
                due.push_back(std::move(r));
                continue;
            }
            if (auto d = impl_->deliveries.find(r.delivery_id))
                impl_->abandon(*d, r.attempt, false, now, "shut down before the retry was due", r.when);
        }
        // Events still queued behind an earlier one of their task never went out.
        for (const auto& id : mine ? impl_->deliveries.drop_waiting() : std::vector<std::string>{})
            if (auto d = impl_->deliveries.find(id))
                impl_->abandon(*d, 1, false, now, "shut down while waiting for the task's previous callback");
    }
    for (const auto& r : due) impl_->send(r.delivery_id, r.attempt, false);
    if (transport) transport->drain(impl_->settings.shutdown_flush_ms);
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (const auto& [token, f] : impl_->in_flight)
        if (auto d = impl_->deliveries.find(f.delivery_id))
            impl_->abandon(*d, f.attempt, f.resend, f.sent_at,
                           "still in flight when shutdown's flush time ran out");
    impl_->in_flight.clear();
}

}  // namespace rtc::callbacks
