#include "core/callbacks/outbox.h"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>

#include "core/callbacks/callback_signature.h"
#include "core/crypto.h"
#include "core/enum_names.h"
#include "core/timefmt.h"

namespace rtc::callbacks {

namespace {
constexpr EnumName<DeliveryOutcome> kOutcomes[] = {{DeliveryOutcome::Delivered, "delivered"},
                                                   {DeliveryOutcome::Retrying, "retrying"},
                                                   {DeliveryOutcome::Failed, "failed"},
                                                   {DeliveryOutcome::Abandoned, "abandoned"}};
}  // namespace

const char* to_string(DeliveryOutcome outcome) {
    return name_of(kOutcomes, outcome);
}

std::optional<DeliveryOutcome> delivery_outcome_from(const std::string& name) {
    return value_of(kOutcomes, name);
}

nlohmann::json AttemptRecord::to_json() const {
    nlohmann::json j = {{"Seq", seq},
                        {"DeliveryId", delivery_id},
                        {"EventId", event_id},
                        {"EventType", event_type},
                        {"AppId", app_id},
                        {"BusinessId", business_id},
                        {"Task", task},
                        {"URL", url},
                        {"Attempt", attempt},
                        {"Resend", resend},
                        {"Time", format_rfc3339(time)},
                        {"TimeMs", time},
                        {"HttpStatus", http_status},
                        {"Error", error},
                        {"DurationMs", duration_ms},
                        {"Outcome", to_string(outcome)},
                        {"Body", body}};
    if (next_retry_at) j["NextRetryAtMs"] = next_retry_at;
    return j;
}

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

}  // namespace

struct Outbox::Impl : std::enable_shared_from_this<Outbox::Impl> {
    struct State {
        Delivery base;  // attempt field = attempts made so far
        std::string event_type;
        std::string business_id;
        std::string task;
        bool holds_task_slot = false;  // its first attempt is what the task's next event waits for
    };
    struct InFlight {
        std::string delivery_id;
        int attempt = 0;
        bool resend = false;
        TimeMs sent_at = 0;
    };
    struct PendingRetry {
        Scheduler::TimerId timer = 0;
        TimeMs due = 0;
        int attempt = 0;
    };

    Impl(const CallbackSettings& s, Scheduler& sch, const events::Hub& h)
        : settings(s), scheduler(sch), hub(h) {}

    const CallbackSettings& settings;
    Scheduler& scheduler;
    const events::Hub& hub;

    mutable std::mutex mu;
    std::shared_ptr<CallbackTransport> transport;
    std::uint64_t epoch = 0;  // bumps on reset: late completions of an older epoch are dropped
    std::uint64_t next_seq = 1;
    std::uint64_t next_token = 1;
    bool stopping = false;
    std::deque<AttemptRecord> journal;
    std::map<std::string, State> deliveries;
    std::deque<std::string> delivery_order;  // oldest first, to bound `deliveries`
    std::map<std::uint64_t, InFlight> in_flight;
    std::map<std::string, PendingRetry> retries;
    std::map<std::string, std::deque<std::string>> task_queue;  // task -> deliveries waiting for their turn
    std::map<std::string, bool> task_busy;

    void record(AttemptRecord r) {
        r.seq = next_seq++;
        if (hub.wants(events::kDeliveries))
            hub.publish(events::DeliveryEvent{std::make_shared<const AttemptRecord>(r)});
        journal.push_back(std::move(r));
        while (journal.size() > settings.journal_capacity) journal.pop_front();
    }

    AttemptRecord record_of(const State& st, int attempt, bool resend) const {
        AttemptRecord r;
        r.delivery_id = st.base.delivery_id;
        r.event_id = st.base.event_id;
        r.event_type = st.event_type;
        r.app_id = st.base.app_id;
        r.business_id = st.business_id;
        r.task = st.task;
        r.url = st.base.url;
        r.attempt = attempt;
        r.resend = resend;
        r.body = st.base.body;
        return r;
    }

    void remember(State st) {
        const std::string id = st.base.delivery_id;
        deliveries[id] = std::move(st);
        delivery_order.push_back(id);
        // Bounded: forget the oldest finished deliveries (never one still in play).
        while (delivery_order.size() > settings.journal_capacity) {
            const std::string& old = delivery_order.front();
            bool busy = retries.count(old) > 0;
            for (const auto& [t, f] : in_flight) busy = busy || f.delivery_id == old;
            if (busy) break;
            deliveries.erase(old);
            delivery_order.pop_front();
        }
    }

    // Puts one attempt on the wire. Called without `mu` held (the transport may answer synchronously).
    void send(const std::string& delivery_id, int attempt, bool resend) {
        Delivery d;
        std::uint64_t token, my_epoch;
        std::shared_ptr<CallbackTransport> t;
        {
            std::lock_guard<std::mutex> lock(mu);
            auto it = deliveries.find(delivery_id);
            if (it == deliveries.end()) return;
            d = it->second.base;
            d.attempt = attempt;
            d.timeout_ms = settings.timeout_ms;
            it->second.base.attempt = std::max(it->second.base.attempt, attempt);
            token = next_token++;
            my_epoch = epoch;
            in_flight[token] = InFlight{delivery_id, attempt, resend, scheduler.now_ms()};
            t = transport;
        }
        if (!t) {
            complete(token, my_epoch, DeliveryResult{0, "no callback transport installed", 0});
            return;
        }
        std::weak_ptr<Impl> weak = shared_from_this();
        t->send(std::move(d), [weak, token, my_epoch](DeliveryResult r) {
            if (auto self = weak.lock()) self->complete(token, my_epoch, std::move(r));
        });
    }

    void complete(std::uint64_t token, std::uint64_t my_epoch, DeliveryResult r) {
        std::string next_in_task;
        {
            std::lock_guard<std::mutex> lock(mu);
            if (my_epoch != epoch) return;
            auto fit = in_flight.find(token);
            if (fit == in_flight.end()) return;  // recorded as abandoned by shutdown
            InFlight f = fit->second;
            in_flight.erase(fit);
            auto it = deliveries.find(f.delivery_id);
            if (it == deliveries.end()) return;
            State& st = it->second;
            AttemptRecord rec = record_of(st, f.attempt, f.resend);
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
                    scheduler.now_ms() + settings.retry_delays_ms[static_cast<std::size_t>(f.attempt) - 1];
                const int next = f.attempt + 1;
                std::weak_ptr<Impl> weak = shared_from_this();
                const std::string id = f.delivery_id;
                auto timer = scheduler.at(due, [weak, id, next, my_epoch] {
                    auto self = weak.lock();
                    if (!self) return;
                    {
                        std::lock_guard<std::mutex> l(self->mu);
                        if (self->epoch != my_epoch || !self->retries.erase(id)) return;
                    }
                    self->send(id, next, false);
                });
                retries[id] = PendingRetry{timer, due, next};
                rec.outcome = DeliveryOutcome::Retrying;
                rec.next_retry_at = due;
            }
            record(std::move(rec));
            if (f.attempt == 1 && !f.resend && st.holds_task_slot) {
                st.holds_task_slot = false;
                next_in_task = release_task_slot(st.task);
            }
        }
        if (!next_in_task.empty()) send(next_in_task, 1, false);
    }

    // The task's next waiting delivery (now holding the slot), or "" (the task is idle again).
    std::string release_task_slot(const std::string& task) {
        auto q = task_queue.find(task);
        if (q == task_queue.end() || q->second.empty()) {
            task_busy.erase(task);
            if (q != task_queue.end()) task_queue.erase(q);
            return "";
        }
        std::string next = q->second.front();
        q->second.pop_front();
        auto it = deliveries.find(next);
        if (it != deliveries.end()) it->second.holds_task_slot = true;
        return next;
    }
};

Outbox::Outbox(const CallbackSettings& settings, Scheduler& scheduler, const events::Hub& hub)
    : impl_(std::make_shared<Impl>(settings, scheduler, hub)) {}

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
    const std::string& app_id = to.app_id;
    if (to.callback.url.empty() || !subscribed(to.callback, s.event_type)) return "";
    CallbackEnvelope env;
    env.event_type = s.event_type;
    env.event_data = event_data.dump();
    env.event_time = format_rfc3339(when);
    env.event_id = new_event_id();
    env.app_id = app_id;
    env.version = s.version;
    env.nonce = new_nonce();
    env.signature = callback_signature(env, to.callback.secret_key);

    Impl::State st;
    st.base.delivery_id = env.event_id;
    st.base.event_id = env.event_id;
    st.base.app_id = app_id;
    st.base.url = to.callback.url;
    st.base.body = env.to_json().dump();
    st.base.attempt = 0;
    st.event_type = env.event_type;
    st.business_id = to.business_id;
    st.task = task;
    bool send_now = true;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (impl_->stopping) {
            AttemptRecord r = impl_->record_of(st, 1, false);
            r.time = impl_->scheduler.now_ms();
            r.outcome = DeliveryOutcome::Abandoned;
            r.error = "raised while shutting down";
            impl_->record(std::move(r));
            return env.event_id;
        }
        if (!task.empty()) {
            if (impl_->task_busy[task]) {
                impl_->task_queue[task].push_back(env.event_id);
                send_now = false;
            } else {
                impl_->task_busy[task] = true;
                st.holds_task_slot = true;
            }
        }
        impl_->remember(std::move(st));
    }
    if (send_now) impl_->send(env.event_id, 1, false);
    return env.event_id;
}

bool Outbox::resend(const std::string& delivery_id, std::string& error) {
    int attempt;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        auto it = impl_->deliveries.find(delivery_id);
        if (it == impl_->deliveries.end()) {
            error = "no delivery " + delivery_id + " (unknown, or dropped from the bounded journal)";
            return false;
        }
        if (impl_->stopping) {
            error = "shutting down";
            return false;
        }
        attempt = it->second.base.attempt + 1;
    }
    impl_->send(delivery_id, attempt, true);
    return true;
}

std::vector<AttemptRecord> Outbox::attempts(const AttemptQuery& q) const {
    std::lock_guard<std::mutex> lock(impl_->mu);
    std::vector<AttemptRecord> out;
    for (const auto& r : impl_->journal) {
        if (!q.event_id.empty() && r.event_id != q.event_id) continue;
        if (!q.app_id.empty() && r.app_id != q.app_id) continue;
        if (!q.task.empty() && r.task != q.task) continue;
        if (q.outcome && r.outcome != *q.outcome) continue;
        out.push_back(r);
    }
    if (q.limit && out.size() > q.limit) out.erase(out.begin(), out.end() - static_cast<long>(q.limit));
    return out;
}

std::size_t Outbox::in_flight() const {
    std::lock_guard<std::mutex> lock(impl_->mu);
    return impl_->in_flight.size();
}

std::size_t Outbox::retries_pending() const {
    std::lock_guard<std::mutex> lock(impl_->mu);
    return impl_->retries.size();
}

void Outbox::reset() {
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (const auto& [id, p] : impl_->retries) impl_->scheduler.cancel(p.timer);
    impl_->epoch++;
    impl_->journal.clear();
    impl_->deliveries.clear();
    impl_->delivery_order.clear();
    impl_->in_flight.clear();
    impl_->retries.clear();
    impl_->task_queue.clear();
    impl_->task_busy.clear();
    impl_->stopping = false;
}

void Outbox::shutdown() {
    std::vector<std::pair<std::string, int>> due;
    std::shared_ptr<CallbackTransport> transport;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (impl_->stopping) return;
        impl_->stopping = true;
        transport = impl_->transport;
        const TimeMs now = impl_->scheduler.now_ms();
        for (const auto& [id, p] : impl_->retries) {
            impl_->scheduler.cancel(p.timer);
            if (p.due <= now) {
                due.push_back({id, p.attempt});
                continue;
            }
            auto it = impl_->deliveries.find(id);
            if (it == impl_->deliveries.end()) continue;
            AttemptRecord r = impl_->record_of(it->second, p.attempt, false);
            r.time = now;
            r.outcome = DeliveryOutcome::Abandoned;
            r.error = "shut down before the retry was due";
            r.next_retry_at = p.due;
            impl_->record(std::move(r));
        }
        impl_->retries.clear();
        // Events still queued behind an earlier one of their task never went out.
        for (const auto& [task, q] : impl_->task_queue) {
            for (const auto& id : q) {
                auto it = impl_->deliveries.find(id);
                if (it == impl_->deliveries.end()) continue;
                AttemptRecord r = impl_->record_of(it->second, 1, false);
                r.time = now;
                r.outcome = DeliveryOutcome::Abandoned;
                r.error = "shut down while waiting for the task's previous callback";
                impl_->record(std::move(r));
            }
        }
        impl_->task_queue.clear();
    }
    for (const auto& [id, attempt] : due) impl_->send(id, attempt, false);
    if (transport) transport->drain(impl_->settings.shutdown_flush_ms);
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (const auto& [token, f] : impl_->in_flight) {
        auto it = impl_->deliveries.find(f.delivery_id);
        if (it == impl_->deliveries.end()) continue;
        AttemptRecord r = impl_->record_of(it->second, f.attempt, f.resend);
        r.time = f.sent_at;
        r.outcome = DeliveryOutcome::Abandoned;
        r.error = "still in flight when shutdown's flush time ran out";
        impl_->record(std::move(r));
    }
    impl_->in_flight.clear();
}

}  // namespace rtc::callbacks
