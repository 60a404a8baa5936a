// The three MonitorConfig checks of a real page (docs/pages.md), each judged on what the page does now:
//   freeze: the frame is identical to the one the previous freeze check looked at (the first frame for the
//           first check), or no frame comes within Pages.FrameTimeoutMs; a white frame is left to blank;
//   blank:  the frame is white (Pages.WhiteMinChannel, Pages.WhiteMaxOffPixelsPpm);
//   crash:  the renderer crashed, or the JS thread does not evaluate `1` within Pages.CrashAnswerMs.
// Its state is the freeze check's reference frame, under a lock never held while calling out.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/webcast/page_source.h"
#include "pages/page_frames.h"
#include "pages/page_navigation.h"
#include "pages/page_thread.h"

namespace rtc::pages {

class PageChecks : public std::enable_shared_from_this<PageChecks> {
  public:
    PageChecks(std::shared_ptr<PageThread> thread, std::shared_ptr<const PageNavigation> nav,
               std::shared_ptr<PageFrames> frames, std::int64_t crash_answer_ms);

    // The first frame: what the first freeze check compares with.
    void first_frame(const Frame& frame);
    // One check of a capturing page; `done` runs exactly once, on any thread (possibly inside this call).
    void probe(webcast::PageCheck check, std::function<void(webcast::ProbeResult)> done);
    // `1` evaluated in the page: done(answered, detail), on the page's thread (or inline once it has ended).
    void ask_js(std::function<void(bool answered, const std::string& detail)> done);

  private:
    void freeze_judged(const FrameResult& r, std::uint64_t previous,
                       const std::function<void(webcast::ProbeResult)>& done);

    const std::shared_ptr<PageThread> thread_;
    const std::shared_ptr<const PageNavigation> nav_;
    const std::shared_ptr<PageFrames> frames_;
    const std::int64_t crash_answer_ms_;

    mutable std::mutex mu_;
    std::uint64_t freeze_frame_ = 0;  // the frame number the previous freeze check looked at
    std::string freeze_digest_;
};

}  // namespace rtc::pages
