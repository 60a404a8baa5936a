// The first PageSource: a simulated page. Its state (frozen, blank, crashed) is what the admin API and the
// config's Timelines say; it answers every probe at once, and its first frame comes a configured delay after
// capture may begin (Lifecycle.FirstFrameDelayMs, Lifecycle.StartEventFirstFrameDelayMs), on the Scheduler,
// so the virtual clock drives it like everything else.
#pragma once

#include <atomic>
#include <memory>

#include "core/clock.h"
#include "core/webcast/page_source.h"
#include "core/webcast/settings.h"

namespace rtc::webcast {

class ScriptedPages final : public PageSource {
  public:
    ScriptedPages(Scheduler& scheduler, const LifecycleSettings& settings)
        : scheduler_(scheduler), settings_(settings) {}
    std::shared_ptr<Page> open(const PageRequest& request, std::shared_ptr<PageListener> listener) override;
    // Every page it opened goes quiet at once: they share one flag instead of being closed one by one.
    void shutdown() override { shut_->store(true); }
    const char* name() const override { return "scripted"; }

  private:
    Scheduler& scheduler_;
    const LifecycleSettings& settings_;
    const std::shared_ptr<std::atomic<bool>> shut_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace rtc::webcast
