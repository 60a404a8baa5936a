#include "core/webcast/scripted_pages.h"

#include <mutex>

namespace rtc::webcast {

namespace {

class ScriptedPage final : public Page, public std::enable_shared_from_this<ScriptedPage> {
  public:
    ScriptedPage(Scheduler& scheduler, const LifecycleSettings& settings,
                 std::shared_ptr<PageListener> listener, std::shared_ptr<const std::atomic<bool>> shut)
        : scheduler_(scheduler),
          settings_(settings),
          listener_(std::move(listener)),
          shut_(std::move(shut)) {}

    void begin_capture(bool after_start_call) override {
        const TimeMs delay = *fixed_first_frame_delay(after_start_call);
        if (delay == 0) {
            if (!closed()) listener_->first_frame();
            return;
        }
        std::weak_ptr<ScriptedPage> weak = shared_from_this();
        // Armed under the page's lock, so a close() racing this call either comes first (no timer) or
        // cancels the timer.
        std::lock_guard<std::mutex> lock(mu_);
        if (closed_ || shut_->load()) return;
        first_frame_timer_ = scheduler_.after(delay, [weak] {
            auto self = weak.lock();
            if (!self || self->closed()) return;
            self->listener_->first_frame();
        });
    }

    std::optional<TimeMs> fixed_first_frame_delay(bool after_start_call) const override {
        return after_start_call ? settings_.start_event_first_frame_delay_ms : settings_.first_frame_delay_ms;
    }

    // A refreshed simulated page is the same page: a frozen or blank one stays so (refreshing does not fix
    // it, which is how a second pair of hits reschedules the task).
    void reload() override {}

    void probe(PageCheck check, std::function<void(ProbeResult)> done) override {
        bool hit;
        {
            std::lock_guard<std::mutex> lock(mu_);
            hit = check == PageCheck::Freeze ? frozen_ : check == PageCheck::Blank ? blank_ : crashed_;
        }
        done(ProbeResult{hit, hit ? "simulated" : ""});
    }

    void close() override {
        Scheduler::TimerId timer;
        {
            std::lock_guard<std::mutex> lock(mu_);
            closed_ = true;
            timer = first_frame_timer_;
        }
        if (timer) scheduler_.cancel(timer);
    }

    bool simulate(PageEvent event) override {
        if (closed()) return false;
        switch (event) {
            case PageEvent::WebcastStart:
                listener_->start_called();
                return true;
            case PageEvent::WebcastEnd:
                listener_->end_called();
                return true;
            default:
                break;
        }
        std::lock_guard<std::mutex> lock(mu_);
        if (event == PageEvent::PageFreeze) frozen_ = true;
        if (event == PageEvent::PageBlank) blank_ = true;
        if (event == PageEvent::PageCrash) crashed_ = true;
        if (event == PageEvent::PageRecover) frozen_ = blank_ = crashed_ = false;
        return true;
    }

    nlohmann::json describe() const override {
        std::lock_guard<std::mutex> lock(mu_);
        return {{"Source", "scripted"}, {"Frozen", frozen_}, {"Blank", blank_}, {"Crashed", crashed_}};
    }

  private:
    // Closed by the task, or the whole source shut down.
    bool closed() const {
        if (shut_->load()) return true;
        std::lock_guard<std::mutex> lock(mu_);
        return closed_;
    }

    Scheduler& scheduler_;
    const LifecycleSettings& settings_;
    const std::shared_ptr<PageListener> listener_;
    mutable std::mutex mu_;
    bool frozen_ = false, blank_ = false, crashed_ = false, closed_ = false;
    Scheduler::TimerId first_frame_timer_ = 0;
    const std::shared_ptr<const std::atomic<bool>> shut_;
};

}  // namespace

std::shared_ptr<Page> ScriptedPages::open(const PageRequest&, std::shared_ptr<PageListener> listener) {
    return std::make_shared<ScriptedPage>(scheduler_, settings_, std::move(listener), shut_);
}

}  // namespace rtc::webcast
