// The Webcast state machine (docs/lifecycle.md), as WebcastBackend's transitions. Every function here runs
// with the task's shard lock held, except the page reports' entry points (on_*) and open_page, which take it.
// Page calls are queued on `After` and made once the lock is released.
#include <algorithm>

#include "core/callbacks/backend.h"
#include "core/webcast/backend.h"

namespace rtc::webcast {

namespace {

int interval_of(const WebcastSpec& s, PageCheck check) {
    switch (check) {
        case PageCheck::Freeze:
            return s.monitor.freeze_check_interval;
        case PageCheck::Blank:
            return s.monitor.blank_check_interval;
        case PageCheck::Crash:
            return s.monitor.crash_check_interval;
    }
    return 0;
}

const char* reason_of(PageCheck check) {
    return check == PageCheck::Freeze ? "PageFreeze" : check == PageCheck::Blank ? "PageBlank" : "PageCrash";
}

}  // namespace

// What the task's page reports, routed to the instance it belongs to.
class WebcastBackend::Reporter final : public PageListener {
  public:
    Reporter(WebcastBackend& backend, TaskKey key, std::uint64_t generation, std::uint64_t instance)
        : b_(backend), key_(std::move(key)), gen_(generation), instance_(instance) {}
    void start_called() override { b_.on_start_called(key_, gen_, instance_); }
    void end_called() override { b_.on_end_called(key_, gen_, instance_); }
    void first_frame() override { b_.on_first_frame(key_, gen_, instance_); }
    void note(const std::string& text) override { b_.on_note(key_, gen_, text); }
    void failed(const std::string& reason, const std::string& detail) override {
        b_.on_failed(key_, gen_, instance_, reason, detail);
    }

  private:
    WebcastBackend& b_;
    const TaskKey key_;
    const std::uint64_t gen_, instance_;
};

WebcastBackend::StartOutcome WebcastBackend::start(const WebcastSpec& spec, const std::string& account_id,
                                                   TimeMs now) {
    const TaskKey key = key_of(spec);
    Shard& s = shard_of(key);
    After after;
    StartOutcome out;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(key);
        if (it != s.entries.end()) {
            if (it->second.task.running()) return {Start::AlreadyRunning};
            if (!config_.tasks.restart_ended_tasks) return {Start::EndedNotRestartable};
        }
        const std::uint64_t generation = it != s.entries.end() ? it->second.task.generation + 1 : 1;
        if (it == s.entries.end()) it = s.entries.emplace(key, Entry{}).first;
        Entry& e = it->second;
        e = Entry{};
        e.key = &it->first;
        e.task.spec = spec;
        e.task.account_id = account_id;
        e.task.start_time = now;
        e.task.status = TaskStatus::NotStarted;
        e.task.generation = generation;
        publish(e.task, events::TaskStep::Started, now);
        arm(e, kMaxRunningTime, now + static_cast<TimeMs>(spec.max_running_time) * 1000);
        for (const auto& tl : config_.timelines) {
            if (!tl.matches(key.app_id, key.room_id, key.task_id)) continue;
            e.rt.timeline = std::make_unique<std::vector<Scheduler::TimerId>>();
            for (const auto& ev : tl.events) {
                const PageEvent event = ev.event;
                e.rt.timeline->push_back(scheduler_.at(now + ev.after_ms, [this, key, generation, event] {
                    {
                        Shard& sh = shard_of(key);
                        std::lock_guard<std::mutex> l(sh.mu);
                        if (!live(sh, key, generation)) return;
                    }
                    page_event(key, event);
                }));
            }
            break;  // the first matching timeline is the page's script
        }
        begin_instance(e, now, after);
        out = {Start::Created};
    }
    after.run();
    return out;
}

std::optional<WebcastTask> WebcastBackend::stop(const TaskKey& key, TimeMs now) {
    Shard& s = shard_of(key);
    After after;
    std::optional<WebcastTask> out;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(key);
        if (it == s.entries.end() || !it->second.task.running()) return std::nullopt;
        end(it->second, TaskStatus::Ended, "StopByAPI", "StopByAPI", now, after);
        out = it->second.task;
    }
    after.run();
    note_ended(key, out->generation);
    return out;
}

PageEventResult WebcastBackend::page_event(const TaskKey& key, PageEvent event) {
    std::shared_ptr<Page> page;
    {
        Shard& s = shard_of(key);
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(key);
        if (it == s.entries.end()) return PageEventResult::UnknownTask;
        const Entry& e = it->second;
        if (!e.task.running() || !e.rt.page) return PageEventResult::TaskNotRunning;
        const bool js = e.task.spec.event_notify.enable_event_notify;
        if ((event == PageEvent::WebcastStart || event == PageEvent::WebcastEnd) && !js)
            return PageEventResult::NotifyDisabled;
        page = e.rt.page;
    }
    // The page plays it: a simulated page changes its state or makes the call it was told to make.
    return page->simulate(event) ? PageEventResult::Applied : PageEventResult::NotSimulated;
}

void WebcastBackend::begin_instance(Entry& e, TimeMs now, After& after) {
    Runtime& rt = e.rt;
    rt.instance++;
    PageRequest req;
    req.key = *e.key;
    req.generation = e.task.generation;
    req.instance = rt.instance;
    req.source_url = e.task.spec.source_url;
    if (!e.task.spec.video_solutions.empty()) {
        const VideoSolution& v = e.task.spec.video_solutions.front();
        req.width = v.width;
        req.height = v.height;
        req.frame_rate = v.frame_rate;
    }
    const auto& notify_cfg = e.task.spec.event_notify;
    req.event_notify = notify_cfg.enable_event_notify;
    if (notify_cfg.enable_event_notify && notify_cfg.start_timeout > 0)
        arm(e, kStartTimeout, now + static_cast<TimeMs>(notify_cfg.start_timeout) * 1000);
    publish(e.task, events::TaskStep::PageOpened, now, 0, "", "page " + std::to_string(rt.instance));
    after([this, req] { open_page(req); });
}

void WebcastBackend::open_page(const PageRequest& request) {
    auto page = pages_->open(
        request, std::make_shared<Reporter>(*this, request.key, request.generation, request.instance));
    bool attached = false;
    After after;
    {
        Shard& s = shard_of(request.key);
        std::lock_guard<std::mutex> lock(s.mu);
        if (Entry* e = live(s, request.key, request.generation, request.instance)) {
            e->rt.page = page;
            attached = true;
            // Without EnableEventNotify capture starts with the page; with it, at onWebcastStart() (which
            // a fast page may have called already).
            const PageState& p = e->task.page;
            if (!p.capturing && (!request.event_notify || p.start_event_seen))
                begin_capture(*e, request.event_notify, scheduler_.now_ms(), after);
        }
    }
    // The task ended or moved to another page while this one opened.
    if (!attached) {
        page->close();
        return;
    }
    after.run();
}

void WebcastBackend::begin_capture(Entry& e, bool after_start_call, TimeMs now, After& after) {
    const std::shared_ptr<Page>& page = e.rt.page;
    if (const auto delay = page->fixed_first_frame_delay(after_start_call)) {
        if (*delay > 0)
            arm(e, kFirstFrame, now + *delay);
        else
            first_frame(e, now);
        return;
    }
    after([page, after_start_call] { page->begin_capture(after_start_call); });
}

void WebcastBackend::arm(Entry& e, TimerKind kind, TimeMs when) {
    const std::size_t index = TaskKeyHash{}(*e.key) % kShards;
    Shard& s = shards_[index];
    s.timers.set(e, kind, when);
    rearm(s, index);
}

void WebcastBackend::arm_check(Entry& e, PageCheck check, TimeMs now) {
    const TimerKind kind = check == PageCheck::Freeze  ? kFreezeCheck
                           : check == PageCheck::Blank ? kBlankCheck
                                                       : kCrashCheck;
    arm(e, kind, now + static_cast<TimeMs>(interval_of(e.task.spec, check)) * 1000);
}

void WebcastBackend::rearm(Shard& s, std::size_t index) {
    if (s.timers.empty()) {
        if (s.alarm) scheduler_.cancel(s.alarm);
        s.alarm = 0;
        return;
    }
    const TimeMs first = s.timers.top().when;
    if (s.alarm && s.alarm_at == first) return;
    if (s.alarm) scheduler_.cancel(s.alarm);
    s.alarm_at = first;
    s.alarm = scheduler_.at(first, [this, index] { on_alarm(index); });
}

// The shard's timers due now, each under the lock, earliest (then first set) first; page calls between them.
void WebcastBackend::on_alarm(std::size_t index) {
    Shard& s = shards_[index];
    for (;;) {
        After after;
        std::optional<std::pair<TaskKey, std::uint64_t>> ended;
        {
            std::lock_guard<std::mutex> lock(s.mu);
            s.alarm = 0;
            const TimeMs now = scheduler_.now_ms();
            if (s.timers.empty() || s.timers.top().when > now) {
                rearm(s, index);
                return;
            }
            auto slot = s.timers.pop();
            Entry& e = *slot.owner;
            fire(e, static_cast<TimerKind>(slot.kind), now, after);
            if (!e.task.running()) ended.emplace(*e.key, e.task.generation);
        }
        after.run();
        if (ended) note_ended(ended->first, ended->second);
    }
}

template <typename Step>
void WebcastBackend::transition(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                                Step&& step) {
    Shard& s = shard_of(key);
    After after;
    bool ended = false;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        Entry* e = live(s, key, generation, instance);
        if (!e) return;
        step(*e, scheduler_.now_ms(), after);
        ended = !e->task.running();
    }
    after.run();
    if (ended) note_ended(key, generation);
}

void WebcastBackend::fire(Entry& e, TimerKind kind, TimeMs now, After& after) {
    PageState& p = e.task.page;
    switch (kind) {
        case kMaxRunningTime:
            end(e, TaskStatus::Ended, "ExceedMaxRunningTime", "ExceedMaxRunningTime", now, after);
            break;
        case kStartTimeout:
            if (p.start_event_seen) break;
            p.start_timeouts++;
            publish(e.task, events::TaskStep::StartTimeout, now);
            // A first timeout refreshes the page and waits again; the next one reschedules the task.
            if (p.refreshes > 0) {
                reschedule(e, "StartEventTimeout", now, after);
            } else {
                refresh(e, "StartEventTimeout", now, after);
                arm(e, kStartTimeout,
                    now + static_cast<TimeMs>(e.task.spec.event_notify.start_timeout) * 1000);
            }
            break;
        case kFreezeCheck:
        case kBlankCheck:
        case kCrashCheck: {
            if (!p.capturing) break;
            const PageCheck check = kind == kFreezeCheck  ? PageCheck::Freeze
                                    : kind == kBlankCheck ? PageCheck::Blank
                                                          : PageCheck::Crash;
            auto page = e.rt.page;
            if (!page) {  // the page is still opening: judge at the next interval
                arm_check(e, check, now);
                break;
            }
            // The probe runs outside the lock; its answer comes back through on_probe.
            after(
                [this, page, key = *e.key, generation = e.task.generation, instance = e.rt.instance, check] {
                    page->probe(check, [this, key, generation, instance, check](ProbeResult r) {
                        on_probe(key, generation, instance, check, r);
                    });
                });
            break;
        }
        case kFirstFrame:
            first_frame(e, now);
            break;
        default:
            break;
    }
}

void WebcastBackend::on_probe(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                              PageCheck check, const ProbeResult& result) {
    transition(key, generation, instance, [&](Entry& e, TimeMs now, After& after) {
        PageState& p = e.task.page;
        if (!p.capturing) return;
        publish(e.task, events::TaskStep::Check, now, 0, result.hit ? reason_of(check) : "",
                std::string(to_string(check)) + (result.hit ? ": hit" : ": ok") +
                    (result.detail.empty() ? "" : " (" + result.detail + ")"));
        enum { kNone, kRefresh, kReschedule } action = kNone;
        if (check == PageCheck::Crash) {
            if (result.hit) action = kReschedule;  // one crash hit is enough
        } else {
            int& hits = check == PageCheck::Freeze ? p.freeze_hits : p.blank_hits;
            hits = result.hit ? hits + 1 : 0;
            if (hits >= 2) {
                hits = 0;
                // Two consecutive hits refresh the page; two more (after a refresh of this page) reschedule.
                action = p.refreshes == 0 ? kRefresh : kReschedule;
            }
        }
        if (action == kReschedule) {
            reschedule(e, reason_of(check), now, after);
            return;
        }
        if (action == kRefresh) refresh(e, reason_of(check), now, after);
        arm_check(e, check, now);
    });
}

void WebcastBackend::on_start_called(const TaskKey& key, std::uint64_t generation, std::uint64_t instance) {
    transition(key, generation, instance, [&](Entry& e, TimeMs now, After& after) {
        PageState& p = e.task.page;
        if (!e.task.spec.event_notify.enable_event_notify || p.start_event_seen)
            return;  // may be called again
        p.start_event_seen = true;
        shard_of(key).timers.cancel(e, kStartTimeout);
        publish(e.task, events::TaskStep::StartCalled, now);
        // A page still opening begins capture once attached (open_page).
        if (p.capturing || !e.rt.page) return;
        begin_capture(e, true, now, after);
    });
}

void WebcastBackend::on_first_frame(const TaskKey& key, std::uint64_t generation, std::uint64_t instance) {
    transition(key, generation, instance, [&](Entry& e, TimeMs now, After&) { first_frame(e, now); });
}

void WebcastBackend::first_frame(Entry& e, TimeMs now) {
    if (e.task.page.capturing) return;
    e.task.page.capturing = true;
    e.task.status = TaskStatus::Running;
    publish(e.task, events::TaskStep::FirstFrame, now, config_.lifecycle.capturing_status);
    notify(e.task, config_.lifecycle.capturing_status, "", now);
    for (PageCheck check : {PageCheck::Freeze, PageCheck::Blank, PageCheck::Crash})
        if (interval_of(e.task.spec, check) > 0) arm_check(e, check, now);
}

void WebcastBackend::on_end_called(const TaskKey& key, std::uint64_t generation, std::uint64_t instance) {
    transition(key, generation, instance, [&](Entry& e, TimeMs now, After& after) {
        if (!e.task.spec.event_notify.enable_event_notify) return;
        end(e, TaskStatus::Ended, config_.lifecycle.page_end_stop_reason, config_.lifecycle.page_end_reason,
            now, after);
    });
}

void WebcastBackend::on_failed(const TaskKey& key, std::uint64_t generation, std::uint64_t instance,
                               const std::string& reason, const std::string& detail) {
    transition(key, generation, instance, [&](Entry& e, TimeMs now, After& after) {
        publish(e.task, events::TaskStep::PageNote, now, 0, reason, detail);
        reschedule(e, reason, now, after);
    });
}

void WebcastBackend::on_note(const TaskKey& key, std::uint64_t generation, const std::string& text) {
    transition(key, generation, 0, [&](Entry& e, TimeMs now, After&) {
        publish(e.task, events::TaskStep::PageNote, now, 0, "", text);
    });
}

void WebcastBackend::refresh(Entry& e, const std::string& reason, TimeMs now, After& after) {
    PageState& p = e.task.page;
    p.refreshes++;
    p.freeze_hits = 0;
    p.blank_hits = 0;
    publish(e.task, events::TaskStep::Refreshed, now, config_.lifecycle.refreshed_status, reason);
    notify(e.task, config_.lifecycle.refreshed_status, reason, now);
    if (auto page = e.rt.page) after([page] { page->reload(); });
}

void WebcastBackend::reschedule(Entry& e, const std::string& reason, TimeMs now, After& after) {
    const int reschedules = e.task.page.reschedules + 1;
    if (reschedules > config_.lifecycle.max_reschedules) {
        end(e, TaskStatus::Failed, "StartTaskFailed", "StartTaskFailed", now, after);
        return;
    }
    // A new page on another machine: it starts clean and the task waits for its first frame again.
    e.task.page = PageState{};
    e.task.page.reschedules = reschedules;
    e.task.status = TaskStatus::NotStarted;
    publish(e.task, events::TaskStep::Rescheduled, now, config_.lifecycle.rescheduled_status, reason);
    notify(e.task, config_.lifecycle.rescheduled_status, reason, now);
    cancel_timers(e, true);
    if (auto old = std::move(e.rt.page)) after([old] { old->close(); });
    begin_instance(e, now, after);
}

void WebcastBackend::end(Entry& e, TaskStatus status, const std::string& stop_reason,
                         const std::string& callback_reason, TimeMs now, After& after) {
    e.task.status = status;
    e.task.end_time = now;
    e.task.stop_reason = stop_reason;
    e.task.page.capturing = false;
    cancel_timers(e, false);
    if (auto page = std::move(e.rt.page)) after([page] { page->close(); });
    e.rt = Runtime{};
    publish(e.task, events::TaskStep::Ended, now, config_.callbacks.end_status, callback_reason,
            "StopReason " + stop_reason);
    notify(e.task, config_.callbacks.end_status, callback_reason, now);
}

void WebcastBackend::cancel_timers(Entry& e, bool instance_bound_only) {
    const std::size_t index = TaskKeyHash{}(*e.key) % kShards;
    Shard& s = shards_[index];
    for (int k = 0; k < kTimerKinds; ++k)
        if (!(instance_bound_only && k == kMaxRunningTime)) s.timers.cancel(e, k);
    rearm(s, index);
    if (instance_bound_only || !e.rt.timeline) return;
    for (auto id : *e.rt.timeline) scheduler_.cancel(id);
    e.rt.timeline.reset();
}

void WebcastBackend::notify(const WebcastTask& task, int status, const std::string& reason, TimeMs now) {
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

void WebcastBackend::publish(const WebcastTask& task, events::TaskStep step, TimeMs now, int status,
                             std::string reason, std::string detail) const {
    if (!hub_.wants(events::kTasks)) return;
    hub_.publish(events::TaskEvent{events::TaskFamily::Webcast, task.spec.app_id, task.spec.room_id,
                                   task.spec.task_id, task.generation, step, status, std::move(reason),
                                   std::move(detail), now});
}

}  // namespace rtc::webcast
