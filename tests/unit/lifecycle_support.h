// A mock's parts on a virtual clock with a fake callback transport: what the lifecycle and outbox tests
// drive.
#pragma once

#include <deque>
#include <mutex>
#include <vector>

#include "core/callbacks/callback_signature.h"
#include "core/config.h"
#include "core/service_parts.h"
#include "support/engines.h"
#include "support/fixture.h"

namespace rtc::test {

constexpr const char* kSecret = "callback-secret";

// Records every send and answers with the statuses queued in `answers` (200 once they run out).
struct FakeTransport : callbacks::CallbackTransport {
    std::mutex mu;
    std::vector<callbacks::Delivery> sent;
    std::deque<int> answers;
    bool hold = false;  // keep answers back until release()
    std::deque<std::function<void()>> held;

    void send(callbacks::Delivery d, std::function<void(callbacks::DeliveryResult)> done) override {
        int status = 200;
        {
            std::lock_guard<std::mutex> lock(mu);
            sent.push_back(d);
            if (!answers.empty()) {
                status = answers.front();
                answers.pop_front();
            }
            if (hold) {
                held.push_back([done, status] { done(callbacks::DeliveryResult{status, "", 1.5}); });
                return;
            }
        }
        done(callbacks::DeliveryResult{status, "", 1.5});
    }
    void release_one() {
        std::function<void()> f;
        {
            std::lock_guard<std::mutex> lock(mu);
            f = held.front();
            held.pop_front();
        }
        f();
    }
    std::size_t sent_count() {
        std::lock_guard<std::mutex> lock(mu);
        return sent.size();
    }
    std::size_t drain(std::int64_t) override { return 0; }
};

// What a receiver would see: the envelope (signature verified) and its EventData.
struct Received {
    callbacks::CallbackEnvelope envelope;
    nlohmann::json data;
    int status() const { return data["Status"].get<int>(); }
    std::string reason() const { return data["Reason"].get<std::string>(); }
};

inline Config test_config(const std::function<void(nlohmann::json&)>& edit = {}) {
    nlohmann::json doc = fixture_json();
    if (edit) edit(doc);
    return parse_config(doc, "test.json");
}

struct LifecycleRig {
    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(1'700'000'000'000);
    std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
    std::unique_ptr<ServiceParts> parts;

    // `engine`: the state engine (support/engines.h).
    explicit LifecycleRig(Config cfg = test_config(), const std::string& engine = each_engine()) {
        ServiceDeps deps;
        deps.clock = clock;
        deps.transport = transport;
        deps.engine = make_engine(engine, engine_settings(cfg));
        parts = std::make_unique<ServiceParts>(std::move(cfg), std::move(deps));
        parts->engine->callback_settings().put(kApp, "", AppCallback{"http://127.0.0.1:9/cb", kSecret, {}},
                                               clock->now_ms());
    }

    webcast::WebcastSpec spec(const std::string& task_id) const {
        webcast::WebcastSpec s;
        s.app_id = kApp;
        s.room_id = "room1";
        s.task_id = task_id;
        s.user_id = "capture-bot";
        s.business_id = "biz";
        s.source_url = "https://example.com/page";
        s.video_solutions.push_back({});
        s.max_running_time = 600;
        return s;
    }

    webcast::WebcastTask start(const webcast::WebcastSpec& s) {
        parts->webcast.start(s, kAccount, clock->now_ms());
        return *parts->webcast.get(webcast::key_of(s));
    }

    webcast::WebcastTask task(const webcast::WebcastSpec& s) const {
        return *parts->webcast.get(webcast::key_of(s));
    }

    // Plays a page event on the task's page, as the admin API does.
    webcast::PageEventResult event(const webcast::TaskKey& key, const std::string& name) {
        return parts->webcast.page_event(key, *webcast::page_event_from(name));
    }
    // A flag of the task's page as the admin API shows it ("Frozen", "Blank", "Crashed"); false when the
    // task has no page.
    bool page_flag(const webcast::WebcastSpec& s, const char* flag) {
        auto task = parts->webcast.get(webcast::key_of(s));
        return task && parts->webcast.page_state(*task).value(flag, false);
    }
    std::optional<webcast::WebcastTask> stop(const webcast::WebcastSpec& s) {
        return parts->webcast.stop(webcast::key_of(s), clock->now_ms());
    }

    void advance_s(double seconds) { parts->pump.advance(static_cast<TimeMs>(seconds * 1000)); }

    // Every delivery the transport saw, parsed and signature-checked.
    std::vector<Received> received() {
        std::lock_guard<std::mutex> lock(transport->mu);
        std::vector<Received> out;
        for (const auto& d : transport->sent) {
            Received r;
            std::string error;
            if (!callbacks::CallbackEnvelope::from_json(d.body, r.envelope, error))
                throw std::runtime_error(error);
            if (!callbacks::verify_callback_signature(r.envelope, kSecret))
                throw std::runtime_error("bad callback signature");
            r.data = nlohmann::json::parse(r.envelope.event_data);
            out.push_back(r);
        }
        return out;
    }

    std::vector<std::pair<int, std::string>> statuses() {
        std::vector<std::pair<int, std::string>> out;
        for (const auto& r : received()) out.push_back({r.status(), r.reason()});
        return out;
    }
};

}  // namespace rtc::test
