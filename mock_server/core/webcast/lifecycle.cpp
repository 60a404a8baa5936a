// The Webcast state machine (docs/lifecycle.md), as the parts of WebcastBackend's steps: each runs inside one
// transition of the state engine, on the task's record and timers; what it publishes, sends or asks of a
// real page goes to the step's Effects, which follow once the change is stored.
#include "core/webcast/backend.h"
#include "core/webcast/simulated_page.h"

namespace rtc::webcast {

namespace {

// How often another process looks whether a real page's process still runs (shared engines), and how soon a
// page's timer that another process claimed comes due again for the page's own process to take.
constexpr TimeMs kPageHostCheckMs = 2000;
constexpr TimeMs kHandBackMs = 50;

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

WebcastTimer timer_of(PageCheck check) {
    return check == PageCheck::Freeze  ? WebcastTimer::FreezeCheck
           : check == PageCheck::Blank ? WebcastTimer::BlankCheck
                                       : WebcastTimer::CrashCheck;
}

TimeMs seconds(int s) {
    return static_cast<TimeMs>(s) * 1000;
}

}  // namespace

void WebcastBackend::begin(state::TaskTxn& txn, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    fx.note(events::TaskStep::Started);
    txn.arm(WebcastTimer::MaxRunningTime, now + seconds(t.spec.max_running_time));
    t.timeline = -1;
    t.timeline_next = 0;
    for (std::size_t i = 0; i < options_.timelines.size(); ++i) {
        const Timeline& tl = options_.timelines[i];
        if (!tl.matches(t.spec.app_id, t.spec.room_id, t.spec.task_id)) continue;
        // The first matching timeline is the page's script.
        t.timeline = static_cast<std::int32_t>(i);
        if (!tl.events.empty()) txn.arm(WebcastTimer::Timeline, t.start_time + tl.events.front().after_ms);
        break;
    }
    begin_instance(txn, now, fx);
}

void WebcastBackend::begin_instance(state::TaskTxn& txn, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    t.instance++;
    const auto& notify = t.spec.event_notify;
    if (notify.enable_event_notify && notify.start_timeout > 0)
        txn.arm(WebcastTimer::StartTimeout, now + seconds(notify.start_timeout));
    fx.note(events::TaskStep::PageOpened, 0, "", "page " + std::to_string(t.instance));
    if (!pages_) {
        // A simulated page is open at once; without EnableEventNotify capture starts with it.
        if (!notify.enable_event_notify) begin_capture(txn, false, now, fx);
        return;
    }
    t.page.host = replicas_.self();
    // With a shared engine another process must notice when this one dies with the page.
    if (!t.page.host.empty()) txn.arm(WebcastTimer::PageHost, now + kPageHostCheckMs);
    PageRequest req;
    req.key = key_of(t.spec);
    req.generation = t.generation;
    req.instance = t.instance;
    req.source_url = t.spec.source_url;
    if (!t.spec.video_solutions.empty()) {
        const VideoSolution& v = t.spec.video_solutions.front();
        req.width = v.width;
        req.height = v.height;
        req.frame_rate = v.frame_rate;
        req.bitrate_kbps = v.bitrate;
    }
    req.event_notify = notify.enable_event_notify;
    fx.page_calls.push_back([this, req] { open_page(req); });
}

void WebcastBackend::begin_capture(state::TaskTxn& txn, bool after_start_call, TimeMs now, Effects& fx) {
    if (stopped_.load(std::memory_order_acquire)) return;  // a silenced page never captures
    if (!pages_) {
        const TimeMs delay = after_start_call ? options_.lifecycle.start_event_first_frame_delay_ms
                                              : options_.lifecycle.first_frame_delay_ms;
        if (delay > 0)
            txn.arm(WebcastTimer::FirstFrame, now + delay);
        else
            first_frame(txn, now, fx);
        return;
    }
    const WebcastTask& t = txn.task();
    fx.page_calls.push_back([this, key = key_of(t.spec), instance = t.instance, after_start_call] {
        if (auto page = live_.get(key, instance)) page->begin_capture(after_start_call);
    });
}

void WebcastBackend::first_frame(state::TaskTxn& txn, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    if (t.page.capturing) return;
    t.page.capturing = true;
    t.status = TaskStatus::Running;
    const int status = options_.lifecycle.capturing_status;
    fx.note(events::TaskStep::FirstFrame, status, "", "", true);
    for (PageCheck check : {PageCheck::Freeze, PageCheck::Blank, PageCheck::Crash})
        if (interval_of(t.spec, check) > 0) arm_check(txn, check, now);
}

void WebcastBackend::arm_check(state::TaskTxn& txn, PageCheck check, TimeMs now) {
    txn.arm(timer_of(check), now + seconds(interval_of(txn.task().spec, check)));
}

bool WebcastBackend::page_elsewhere(state::TaskTxn& txn, WebcastTimer timer, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    const std::string& host = t.page.host;
    if (!pages_ || host.empty() || host == replicas_.self()) return false;
    if (!replicas_.alive(host)) {
        // The process holding the page is gone with it: the capture moves here, as the real service
        // reschedules a crashed capture.
        fx.note(events::TaskStep::PageNote, 0, "PageHostLost", "replica " + host + " stopped");
        reschedule(txn, "PageHostLost", now, fx);
        return true;
    }
    // The page's own process runs its timers; whichever process claims one next, it comes back soon.
    txn.arm(timer, now + (timer == WebcastTimer::PageHost ? kPageHostCheckMs : kHandBackMs));
    return true;
}

void WebcastBackend::fire(state::TaskTxn& txn, WebcastTimer timer, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    PageState& p = t.page;
    const bool page_timer = timer != WebcastTimer::MaxRunningTime && timer != WebcastTimer::Timeline;
    if (page_timer && page_elsewhere(txn, timer, now, fx)) return;
    switch (timer) {
        case WebcastTimer::PageHost:
            txn.arm(WebcastTimer::PageHost, now + kPageHostCheckMs);
            return;
        case WebcastTimer::MaxRunningTime:
            end(txn, TaskStatus::Ended, "ExceedMaxRunningTime", "ExceedMaxRunningTime", now, fx);
            return;
        case WebcastTimer::StartTimeout:
            if (p.start_event_seen) return;
            p.start_timeouts++;
            fx.note(events::TaskStep::StartTimeout);
            // A first timeout refreshes the page and waits again; the next one reschedules the task.
            if (p.refreshes > 0) {
                reschedule(txn, "StartEventTimeout", now, fx);
            } else {
                refresh(txn, "StartEventTimeout", now, fx);
                txn.arm(WebcastTimer::StartTimeout, now + seconds(t.spec.event_notify.start_timeout));
            }
            return;
        case WebcastTimer::FreezeCheck:
        case WebcastTimer::BlankCheck:
        case WebcastTimer::CrashCheck: {
            if (!p.capturing) return;
            const PageCheck check = timer == WebcastTimer::FreezeCheck  ? PageCheck::Freeze
                                    : timer == WebcastTimer::BlankCheck ? PageCheck::Blank
                                                                        : PageCheck::Crash;
            if (!pages_) {
                judge(txn, check, probe(p.simulated, check), now, fx);
                return;
            }
            const TaskKey key = key_of(t.spec);
            if (!live_.get(key, t.instance)) {  // the page is still opening: judge at the next interval
                arm_check(txn, check, now);
                return;
            }
            // The probe runs once the step is stored; its answer comes back through on_probe.
            fx.page_calls.push_back([this, key, generation = t.generation, instance = t.instance, check] {
                if (auto page = live_.get(key, instance))
                    page->probe(check, [this, key, generation, instance, check](ProbeResult r) {
                        on_probe(key, generation, instance, check, r);
                    });
            });
            return;
        }
        case WebcastTimer::FirstFrame:
            first_frame(txn, now, fx);
            return;
        case WebcastTimer::Timeline: {
            if (t.timeline < 0) return;
            const auto& events = options_.timelines[static_cast<std::size_t>(t.timeline)].events;
            if (t.timeline_next >= events.size()) return;
            const PageEvent event = events[t.timeline_next++].event;
            if (t.timeline_next < events.size())
                txn.arm(WebcastTimer::Timeline, t.start_time + events[t.timeline_next].after_ms);
            // As the admin API plays it: a call of the page's JS only where the page has it.
            const bool js_call = event == PageEvent::WebcastStart || event == PageEvent::WebcastEnd;
            if (!pages_ && (!js_call || t.spec.event_notify.enable_event_notify)) play(txn, event, now, fx);
            return;
        }
    }
}

void WebcastBackend::play(state::TaskTxn& txn, PageEvent event, TimeMs now, Effects& fx) {
    switch (event) {
        case PageEvent::WebcastStart:
            start_called(txn, now, fx);
            return;
        case PageEvent::WebcastEnd:
            end_called(txn, now, fx);
            return;
        default:
            apply(txn.task().page.simulated, event);
    }
}

void WebcastBackend::judge(state::TaskTxn& txn, PageCheck check, const ProbeResult& result, TimeMs now,
                           Effects& fx) {
    PageState& p = txn.task().page;
    if (!p.capturing) return;
    fx.note(events::TaskStep::Check, 0, result.hit ? reason_of(check) : "",
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
        reschedule(txn, reason_of(check), now, fx);
        return;
    }
    if (action == kRefresh) refresh(txn, reason_of(check), now, fx);
    arm_check(txn, check, now);
}

void WebcastBackend::start_called(state::TaskTxn& txn, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    PageState& p = t.page;
    if (!t.spec.event_notify.enable_event_notify || p.start_event_seen) return;  // may be called again
    p.start_event_seen = true;
    txn.cancel(WebcastTimer::StartTimeout);
    fx.note(events::TaskStep::StartCalled);
    if (p.capturing) return;
    // A real page still opening begins capture once attached (open_page).
    if (pages_ && !live_.get(key_of(t.spec), t.instance)) return;
    begin_capture(txn, true, now, fx);
}

void WebcastBackend::end_called(state::TaskTxn& txn, TimeMs now, Effects& fx) {
    if (!txn.task().spec.event_notify.enable_event_notify) return;
    end(txn, TaskStatus::Ended, options_.lifecycle.page_end_stop_reason, options_.lifecycle.page_end_reason,
        now, fx);
}

void WebcastBackend::refresh(state::TaskTxn& txn, const std::string& reason, TimeMs, Effects& fx) {
    WebcastTask& t = txn.task();
    PageState& p = t.page;
    p.refreshes++;
    p.freeze_hits = 0;
    p.blank_hits = 0;
    fx.note(events::TaskStep::Refreshed, options_.lifecycle.refreshed_status, reason, "", true);
    if (pages_)
        fx.page_calls.push_back([this, key = key_of(t.spec), instance = t.instance] {
            if (auto page = live_.get(key, instance)) page->reload();
        });
}

void WebcastBackend::reschedule(state::TaskTxn& txn, const std::string& reason, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    const int reschedules = t.page.reschedules + 1;
    if (reschedules > options_.lifecycle.max_reschedules) {
        end(txn, TaskStatus::Failed, "StartTaskFailed", "StartTaskFailed", now, fx);
        return;
    }
    // A new page on another machine: it starts clean and the task waits for its first frame again.
    t.page = PageState{};
    t.page.reschedules = reschedules;
    t.status = TaskStatus::NotStarted;
    fx.note(events::TaskStep::Rescheduled, options_.lifecycle.rescheduled_status, reason, "", true);
    // The timers of the page instance go; MaxRunningTime and the timeline are the task's.
    for (auto timer : {WebcastTimer::StartTimeout, WebcastTimer::FreezeCheck, WebcastTimer::BlankCheck,
                       WebcastTimer::CrashCheck, WebcastTimer::FirstFrame})
        txn.cancel(timer);
    if (pages_)
        fx.page_calls.push_back([this, key = key_of(t.spec), instance = t.instance] {
            if (auto page = live_.take(key, instance)) page->close();
        });
    begin_instance(txn, now, fx);
}

void WebcastBackend::end(state::TaskTxn& txn, TaskStatus status, const std::string& stop_reason,
                         const std::string& callback_reason, TimeMs now, Effects& fx) {
    WebcastTask& t = txn.task();
    t.status = status;
    t.end_time = now;
    t.stop_reason = stop_reason;
    t.page.capturing = false;
    // The engine drops an ended task's timers.
    if (pages_)
        fx.page_calls.push_back([this, key = key_of(t.spec), instance = t.instance] {
            if (auto page = live_.take(key, instance)) page->close();
        });
    fx.note(events::TaskStep::Ended, options_.end_status, callback_reason, "StopReason " + stop_reason, true);
}

}  // namespace rtc::webcast
