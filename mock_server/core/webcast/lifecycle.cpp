#include "core/webcast/lifecycle.h"

#include <algorithm>
#include <memory>

#include "core/service.h"

namespace rtc::webcast {

namespace {

enum CheckKind { kFreeze = 0, kBlank = 1, kCrash = 2 };

int interval_of(const WebcastSpec& s, int kind) {
    switch (kind) {
        case kFreeze:
            return s.monitor.freeze_check_interval;
        case kBlank:
            return s.monitor.blank_check_interval;
        default:
            return s.monitor.crash_check_interval;
    }
}

const char* reason_of(int kind) {
    return kind == kFreeze ? "PageFreeze" : kind == kBlank ? "PageBlank" : "PageCrash";
}

}  // namespace

const LifecycleSettings& Lifecycle::settings() const {
    return service_.config().lifecycle;
}

std::size_t Lifecycle::active() const {
    std::lock_guard<std::mutex> lock(mu_);
    return runtimes_.size();
}

void Lifecycle::arm(const TaskKey& key, Runtime& rt, TimeMs when, bool instance_bound,
                    std::function<void()> fn) {
    auto self_id = std::make_shared<Scheduler::TimerId>(0);
    const std::uint64_t gen = rt.generation;
    const std::uint64_t epoch = rt.epoch;
    // mu_ is held here, and the timer takes it first, so it cannot read self_id before it is set.
    *self_id = service_.scheduler().at(when, [this, key, gen, epoch, instance_bound, self_id, fn] {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = runtimes_.find(key);
        if (it == runtimes_.end() || it->second.generation != gen) return;
        it->second.timers.erase(*self_id);
        if (instance_bound && it->second.epoch != epoch) return;
        fn();
    });
    rt.timers.insert(*self_id);
}

std::optional<WebcastTask> Lifecycle::update(const TaskKey& key,
                                             const std::function<void(WebcastTask&)>& fn) {
    auto rt = runtimes_.find(key);
    if (rt == runtimes_.end()) return std::nullopt;
    const std::uint64_t gen = rt->second.generation;
    bool changed = false;
    auto t = service_.webcasts().update(key, [&](WebcastTask& task) {
        if (task.generation != gen || !task.running()) return;
        fn(task);
        changed = true;
    });
    if (!changed) return std::nullopt;
    return t;
}

void Lifecycle::notify(const WebcastTask& task, int status, const std::string& reason) {
    const TimeMs now = service_.scheduler().now_ms();
    nlohmann::json data = {{"AppId", task.spec.app_id},
                           {"BusinessId", task.spec.business_id},
                           {"RoomId", task.spec.room_id},
                           {"TaskId", task.spec.task_id},
                           {"UserId", task.spec.user_id},
                           {"Status", status},
                           {"Reason", reason},
                           {"Timestamp", now}};
    service_.outbox().emit(task.spec.app_id, key_of(task.spec).str(), data, now);
}

void Lifecycle::on_started(const WebcastTask& task) {
    std::lock_guard<std::mutex> lock(mu_);
    const TaskKey key = key_of(task.spec);
    forget(key);
    Runtime& rt = runtimes_[key];
    rt.generation = task.generation;
    arm(key, rt, task.start_time + static_cast<TimeMs>(task.spec.max_running_time) * 1000, false,
        [this, key] { max_running_time(key); });
    for (const auto& tl : service_.config().timelines) {
        if (!tl.matches(key)) continue;
        for (const auto& ev : tl.events)
            arm(key, rt, task.start_time + ev.after_ms, false,
                [this, key, name = ev.event] { apply(key, name); });
        break;  // the first matching timeline is the page's script
    }
    begin_instance(key, rt);
}

void Lifecycle::begin_instance(const TaskKey& key, Runtime& rt) {
    rt.epoch++;
    auto task = service_.webcasts().get(key);
    if (!task) return;
    const TimeMs now = service_.scheduler().now_ms();
    const auto& notify_cfg = task->spec.event_notify;
    if (!notify_cfg.enable_event_notify) {
        arm(key, rt, now + settings().first_frame_delay_ms, true, [this, key] { first_frame(key); });
    } else if (notify_cfg.start_timeout > 0) {
        arm(key, rt, now + static_cast<TimeMs>(notify_cfg.start_timeout) * 1000, true,
            [this, key] { start_timeout(key); });
    }
}

void Lifecycle::first_frame(const TaskKey& key) {
    auto t = update(key, [](WebcastTask& task) {
        task.page.capturing = true;
        task.status = TaskStatus::Running;
    });
    if (!t) return;
    notify(*t, settings().capturing_status, "");
    Runtime& rt = runtimes_[key];
    for (int kind : {kFreeze, kBlank, kCrash})
        if (interval_of(t->spec, kind) > 0) arm_check(key, rt, kind);
}

void Lifecycle::arm_check(const TaskKey& key, Runtime& rt, int kind) {
    auto task = service_.webcasts().get(key);
    if (!task) return;
    const TimeMs when =
        service_.scheduler().now_ms() + static_cast<TimeMs>(interval_of(task->spec, kind)) * 1000;
    arm(key, rt, when, true, [this, key, kind] { check(key, kind); });
}

void Lifecycle::check(const TaskKey& key, int kind) {
    enum { kNone, kRefresh, kReschedule } action = kNone;
    auto t = update(key, [&](WebcastTask& task) {
        PageState& p = task.page;
        if (!p.capturing) return;
        if (kind == kCrash) {
            if (p.crashed) action = kReschedule;  // one crash hit is enough
            return;
        }
        const bool hit = kind == kFreeze ? p.frozen : p.blank;
        int& hits = kind == kFreeze ? p.freeze_hits : p.blank_hits;
        hits = hit ? hits + 1 : 0;
        if (hits < 2) return;
        hits = 0;
        // Two consecutive hits refresh the page; two more (after a refresh of this instance) reschedule.
        action = p.refreshes == 0 ? kRefresh : kReschedule;
    });
    if (!t) return;
    if (action == kReschedule) {
        reschedule(key, reason_of(kind));
        return;
    }
    if (action == kRefresh) refresh(key, reason_of(kind));
    auto rt = runtimes_.find(key);
    if (rt != runtimes_.end()) arm_check(key, rt->second, kind);
}

void Lifecycle::refresh(const TaskKey& key, const std::string& reason) {
    auto t = update(key, [](WebcastTask& task) {
        task.page.refreshes++;
        task.page.freeze_hits = 0;
        task.page.blank_hits = 0;
    });
    if (t) notify(*t, settings().refreshed_status, reason);
}

void Lifecycle::reschedule(const TaskKey& key, const std::string& reason) {
    auto rt = runtimes_.find(key);
    if (rt == runtimes_.end()) return;
    if (++rt->second.reschedules > settings().max_reschedules) {
        end(key, TaskStatus::Failed, "StartTaskFailed", "StartTaskFailed");
        return;
    }
    const int reschedules = rt->second.reschedules;
    // A new page on another machine: the simulated page starts clean and the task waits for its first frame.
    auto t = update(key, [reschedules](WebcastTask& task) {
        task.page = PageState{};
        task.page.reschedules = reschedules;
        task.status = TaskStatus::NotStarted;
    });
    if (!t) return;
    notify(*t, settings().rescheduled_status, reason);
    begin_instance(key, rt->second);
}

void Lifecycle::start_timeout(const TaskKey& key) {
    bool refreshed_before = false;
    auto t = update(key, [&](WebcastTask& task) {
        if (task.page.start_event_seen) return;
        task.page.start_timeouts++;
        refreshed_before = task.page.refreshes > 0;
    });
    if (!t || t->page.start_event_seen) return;
    if (refreshed_before) {
        reschedule(key, "StartEventTimeout");
        return;
    }
    refresh(key, "StartEventTimeout");
    // The refreshed page gets a fresh wait.
    auto rt = runtimes_.find(key);
    if (rt == runtimes_.end()) return;
    arm(key, rt->second,
        service_.scheduler().now_ms() + static_cast<TimeMs>(t->spec.event_notify.start_timeout) * 1000, true,
        [this, key] { start_timeout(key); });
}

void Lifecycle::max_running_time(const TaskKey& key) {
    end(key, TaskStatus::Ended, "ExceedMaxRunningTime", "ExceedMaxRunningTime");
}

void Lifecycle::end(const TaskKey& key, TaskStatus status, const std::string& stop_reason,
                    const std::string& callback_reason) {
    const TimeMs now = service_.scheduler().now_ms();
    auto t = update(key, [&](WebcastTask& task) {
        task.status = status;
        task.end_time = now;
        task.stop_reason = stop_reason;
        task.page.capturing = false;
    });
    forget(key);
    if (t) notify(*t, service_.config().callbacks.end_status, callback_reason);
}

PageEventResult Lifecycle::page_event(const TaskKey& key, const std::string& event) {
    const auto& names = page_event_names();
    if (std::find(names.begin(), names.end(), event) == names.end()) return PageEventResult::UnknownEvent;
    std::lock_guard<std::mutex> lock(mu_);
    return apply(key, event);
}

PageEventResult Lifecycle::apply(const TaskKey& key, const std::string& event) {
    auto cur = service_.webcasts().get(key);
    if (!cur) return PageEventResult::UnknownTask;
    auto rt = runtimes_.find(key);
    if (!cur->running() || rt == runtimes_.end() || rt->second.generation != cur->generation)
        return PageEventResult::TaskNotRunning;
    const bool js = cur->spec.event_notify.enable_event_notify;
    if ((event == "WebcastStart" || event == "WebcastEnd") && !js) return PageEventResult::NotifyDisabled;

    if (event == "WebcastEnd") {
        end(key, TaskStatus::Ended, settings().page_end_stop_reason, settings().page_end_reason);
    } else if (event == "WebcastStart") {
        if (cur->page.start_event_seen) return PageEventResult::Applied;  // the page may call it again
        update(key, [](WebcastTask& task) { task.page.start_event_seen = true; });
        if (cur->page.capturing) return PageEventResult::Applied;
        const TimeMs delay = settings().start_event_first_frame_delay_ms;
        if (delay == 0)
            first_frame(key);
        else
            arm(key, rt->second, service_.scheduler().now_ms() + delay, true,
                [this, key] { first_frame(key); });
    } else {
        update(key, [&event](WebcastTask& task) {
            PageState& p = task.page;
            if (event == "PageFreeze") p.frozen = true;
            if (event == "PageBlank") p.blank = true;
            if (event == "PageCrash") p.crashed = true;
            if (event == "PageRecover") p.frozen = p.blank = p.crashed = false;
        });
    }
    return PageEventResult::Applied;
}

void Lifecycle::on_stopped(const WebcastTask& task) {
    std::lock_guard<std::mutex> lock(mu_);
    const TaskKey key = key_of(task.spec);
    auto rt = runtimes_.find(key);
    if (rt == runtimes_.end() || rt->second.generation != task.generation) return;
    forget(key);
    notify(task, service_.config().callbacks.end_status,
           task.stop_reason.empty() ? "StopByAPI" : task.stop_reason);
}

void Lifecycle::forget(const TaskKey& key) {
    auto rt = runtimes_.find(key);
    if (rt == runtimes_.end()) return;
    for (auto id : rt->second.timers) service_.scheduler().cancel(id);
    runtimes_.erase(rt);
}

void Lifecycle::reset() {
    std::lock_guard<std::mutex> lock(mu_);
    runtimes_.clear();  // MockService::reset has already cancelled every timer
}

void Lifecycle::shutdown() {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [key, rt] : runtimes_)
        for (auto id : rt.timers) service_.scheduler().cancel(id);
    runtimes_.clear();
}

}  // namespace rtc::webcast
