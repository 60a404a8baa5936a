#include "core/webcast/backend.h"

#include "core/callbacks/backend.h"
#include "core/webcast/simulated_page.h"

namespace rtc::webcast {

WebcastBackend::WebcastBackend(LifecycleOptions options, state::WebcastTasks& tasks, const state::Apps& apps,
                               const state::Replicas& replicas, callbacks::CallbackBackend& callbacks,
                               const events::Hub& hub, const Clock& clock, std::unique_ptr<PageSource> pages)
    : options_(std::move(options)),
      tasks_(tasks),
      apps_(apps),
      replicas_(replicas),
      callbacks_(callbacks),
      hub_(hub),
      clock_(clock),
      pages_(std::move(pages)) {}

WebcastBackend::~WebcastBackend() {
    shutdown();
}

template <typename Step>
bool WebcastBackend::change(const TaskKey& key, std::uint64_t generation, std::uint64_t instance, TimeMs now,
                            Step&& step) {
    Effects fx;
    const bool applied = tasks_.transition(
        key, generation, instance,
        [&](state::TaskTxn& txn) {
            fx = Effects{};  // a step may run again on a newer record
            step(txn, now, fx);
        },
        [&](const WebcastTask& task) { commit(task, now, fx); });
    for (auto& call : fx.page_calls) call();
    return applied;
}

void WebcastBackend::commit(const WebcastTask& task, TimeMs now, const Effects& fx) const {
    const bool publish = hub_.wants(events::kTasks);
    for (const Notice& n : fx.notices) {
        if (publish)
            hub_.publish(events::TaskEvent{events::TaskFamily::Webcast, task.spec.app_id, task.spec.room_id,
                                           task.spec.task_id, task.generation, n.step, n.status, n.reason,
                                           n.detail, now});
        if (n.callback) notify(task, n.status, n.reason, now);
    }
}

void WebcastBackend::notify(const WebcastTask& task, int status, const std::string& reason,
                            TimeMs now) const {
    callbacks_.emit_made(task.spec.app_id, task.spec.business_id, now,
                         [&](std::string& id, nlohmann::json& data) {
                             id = key_of(task.spec).str();
                             data = {{"AppId", task.spec.app_id},
                                     {"BusinessId", task.spec.business_id},
                                     {"RoomId", task.spec.room_id},
                                     {"TaskId", task.spec.task_id},
                                     {"UserId", task.spec.user_id},
                                     {"Status", status},
                                     {"Reason", reason},
                                     {"Timestamp", now}};
                         });
}

WebcastBackend::Start WebcastBackend::start(WebcastSpec spec, const std::string& account_id, TimeMs now) {
    WebcastTask task;
    task.spec = std::move(spec);
    task.account_id = account_id;
    task.start_time = now;
    task.status = TaskStatus::NotStarted;
    Effects fx;
    const auto created = tasks_.create(
        task, options_.tasks.restart_ended_tasks,
        [&](state::TaskTxn& txn) {
            fx = Effects{};
            begin(txn, now, fx);
        },
        [&](const WebcastTask& stored) { commit(stored, now, fx); });
    for (auto& call : fx.page_calls) call();
    switch (created) {
        case state::WebcastTasks::Created::Created:
            return Start::Created;
        case state::WebcastTasks::Created::AlreadyRunning:
            return Start::AlreadyRunning;
        case state::WebcastTasks::Created::EndedNotRestartable:
            break;
    }
    return Start::EndedNotRestartable;
}

std::optional<WebcastTask> WebcastBackend::stop(const TaskKey& key, TimeMs now) {
    std::optional<WebcastTask> out;
    // The step may run again on a record another replica changed meanwhile: only the stored run answers.
    const bool stored = change(key, 0, 0, now, [&](state::TaskTxn& txn, TimeMs at, Effects& fx) {
        end(txn, TaskStatus::Ended, "StopByAPI", "StopByAPI", at, fx);
        out = txn.task();
    });
    if (!stored) return std::nullopt;
    return out;
}

std::optional<std::string> WebcastBackend::callback_route(const std::string& app_id,
                                                          const std::string& business_id) const {
    auto setting = callbacks_.store().route(app_id, business_id);
    if (!setting) return std::nullopt;
    return setting->business_id;
}

std::optional<WebcastTask> WebcastBackend::get(const TaskKey& key) const {
    return tasks_.get(key);
}

void WebcastBackend::for_each(
    const std::function<void(const WebcastTask&, const nlohmann::json&)>& visit) const {
    std::vector<WebcastTask> all;
    tasks_.for_each([&](const WebcastTask& t) { all.push_back(t); });
    for (const auto& t : all) visit(t, page_state(t));
}

nlohmann::json WebcastBackend::page_state(const WebcastTask& task) const {
    const PageState& p = task.page;
    nlohmann::json j = {{"Capturing", p.capturing},
                        {"StartEventSeen", p.start_event_seen},
                        {"Refreshes", p.refreshes},
                        {"Reschedules", p.reschedules},
                        {"StartTimeouts", p.start_timeouts}};
    // What the page itself says: a simulated page's Frozen/Blank/Crashed, a real page's console and errors.
    if (!task.running()) return j;
    if (!pages_) {
        describe(p.simulated, j);
    } else if (auto page = live_.get(key_of(task.spec), task.instance)) {
        const nlohmann::json described = page->describe();
        for (const auto& [k, v] : described.items()) j[k] = v;
    }
    return j;
}

PageEventResult WebcastBackend::page_event(const TaskKey& key, PageEvent event) {
    const bool js_call = event == PageEvent::WebcastStart || event == PageEvent::WebcastEnd;
    auto result = PageEventResult::UnknownTask;
    if (stopped_.load(std::memory_order_acquire))  // every page is silenced
        return tasks_.get(key) ? PageEventResult::TaskNotRunning : PageEventResult::UnknownTask;
    if (pages_) {
        // A real page is what it is: only where the task stands is answered.
        auto task = tasks_.get(key);
        if (!task) return PageEventResult::UnknownTask;
        if (!task->running()) return PageEventResult::TaskNotRunning;
        if (js_call && !task->spec.event_notify.enable_event_notify) return PageEventResult::NotifyDisabled;
        return live_.get(key, task->instance) ? PageEventResult::NotSimulated
                                              : PageEventResult::TaskNotRunning;
    }
    const bool applied =
        change(key, 0, 0, clock_.now_ms(), [&](state::TaskTxn& txn, TimeMs now, Effects& fx) {
            if (js_call && !txn.task().spec.event_notify.enable_event_notify) {
                result = PageEventResult::NotifyDisabled;
                return;
            }
            result = PageEventResult::Applied;
            play(txn, event, now, fx);
        });
    if (applied) return result;
    return tasks_.get(key) ? PageEventResult::TaskNotRunning : PageEventResult::UnknownTask;
}

std::size_t WebcastBackend::run_due(TimeMs now) {
    std::size_t ran = 0;
    if (stopped_.load(std::memory_order_acquire)) return ran;
    // Claimed a batch at a time: a timer a transition arms for `now` is claimed by the next batch.
    for (;;) {
        auto due = tasks_.claim_due(now, 256);
        if (due.empty()) return ran;
        for (const auto& d : due) {
            ran += change(d.key, d.generation, 0, clock_.now_ms(),
                          [&](state::TaskTxn& txn, TimeMs at, Effects& fx) {
                              // Moved or cancelled since it was claimed: the newer timer stands.
                              if (txn.acknowledge(d.timer)) fire(txn, d.timer, at, fx);
                          })
                       ? 1
                       : 0;
        }
    }
}

void WebcastBackend::reset() {
    for (auto& page : live_.take_all())
        if (page) page->close();
}

void WebcastBackend::shutdown() {
    stopped_.store(true, std::memory_order_release);
    // The page source makes every page inert first (PageSource::shutdown): no page reports any more, and no
    // page has to be visited one by one.
    if (pages_) pages_->shutdown();
    // The timers of a shared engine are every replica's: one replica stopping leaves them to the others.
    if (replicas_.self().empty()) tasks_.drop_timers();
}

// ---- real pages ------------------------------------------------------------------------------------------

// What the task's real page reports, routed to the instance it belongs to.
class WebcastBackend::Reporter final : public PageListener {
  public:
    Reporter(WebcastBackend& backend, TaskKey key, std::uint64_t generation, std::uint64_t instance)
        : b_(backend), key_(std::move(key)), gen_(generation), instance_(instance) {}
    void start_called() override {
        report([this](state::TaskTxn& txn, TimeMs now, Effects& fx) { b_.start_called(txn, now, fx); });
    }
    void end_called() override {
        report([this](state::TaskTxn& txn, TimeMs now, Effects& fx) { b_.end_called(txn, now, fx); });
    }
    void first_frame() override {
        report([this](state::TaskTxn& txn, TimeMs now, Effects& fx) { b_.first_frame(txn, now, fx); });
    }
    void note(const std::string& text) override {
        // A note of an earlier page instance still belongs to the task's events.
        b_.change(key_, gen_, 0, b_.clock_.now_ms(), [&](state::TaskTxn&, TimeMs, Effects& fx) {
            fx.note(events::TaskStep::PageNote, 0, "", text);
        });
    }
    void failed(const std::string& reason, const std::string& detail) override {
        report([&](state::TaskTxn& txn, TimeMs now, Effects& fx) {
            fx.note(events::TaskStep::PageNote, 0, reason, detail);
            b_.reschedule(txn, reason, now, fx);
        });
    }

  private:
    template <typename Step>
    void report(Step&& step) {
        b_.change(key_, gen_, instance_, b_.clock_.now_ms(), step);
    }
    WebcastBackend& b_;
    const TaskKey key_;
    const std::uint64_t gen_, instance_;
};

void WebcastBackend::open_page(const PageRequest& request) {
    auto page = pages_->open(
        request, std::make_shared<Reporter>(*this, request.key, request.generation, request.instance));
    live_.put(request.key, request.instance, page);
    const bool attached = change(request.key, request.generation, request.instance, clock_.now_ms(),
                                 [&](state::TaskTxn& txn, TimeMs now, Effects& fx) {
                                     // Without EnableEventNotify capture starts with the page; with it, at
                                     // onWebcastStart() (which a fast page may have called already).
                                     const PageState& p = txn.task().page;
                                     if (!p.capturing && (!request.event_notify || p.start_event_seen))
                                         begin_capture(txn, request.event_notify, now, fx);
                                 });
    // The task ended or moved to another page while this one opened.
    if (!attached && live_.take(request.key, request.instance)) page->close();
}

void WebcastBackend::on_probe(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                              PageCheck check, const ProbeResult& result) {
    change(key, generation, instance, clock_.now_ms(),
           [&](state::TaskTxn& txn, TimeMs now, Effects& fx) { judge(txn, check, result, now, fx); });
}

}  // namespace rtc::webcast
