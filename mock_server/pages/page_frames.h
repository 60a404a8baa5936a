// A page's frames, taken on demand: a screenshot only when the first frame, a check or the screenshot route
// wants one and the latest is too old for it, so at most FrameRate per second and never two at once. The
// DevTools answer is decoded and judged (white? which picture?) on the page's thread, then handed to everyone
// who waited for it. The lock guards only the frame cache and the waiters; never held while calling out.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pages/frame_analysis.h"
#include "pages/page_navigation.h"
#include "pages/page_thread.h"
#include "recording/picture.h"

namespace rtc::pages {

struct Frame {
    std::string png;
    FrameFacts facts;
    std::int64_t at_ns = 0;    // when it arrived (monotonic)
    std::uint64_t number = 0;  // 1, 2, ... in the order taken
};

struct FrameResult {
    std::shared_ptr<const Frame> frame;  // null when none came
    std::string error;
    bool timed_out = false;  // no frame within Pages.FrameTimeoutMs: the page does not paint
};

using FrameDone = std::function<void(const FrameResult&)>;

class PageFrames : public std::enable_shared_from_this<PageFrames> {
  public:
    // `pictures`, when set, gets each frame's decoded pixels on the page's thread (the recording's input).
    using PictureSink = std::function<void(std::shared_ptr<const recording::Picture>)>;
    PageFrames(std::shared_ptr<PageThread> thread, std::shared_ptr<const PageNavigation> nav, WhiteRule white,
               int frame_rate, std::int64_t timeout_ms, PictureSink pictures = nullptr);

    // A frame no older than max_age_ns and taken after frame number `after`, else a new one. `done` runs
    // once: at once with a cached frame or when there is no page to shoot, else on the page's thread (inline
    // once it has ended).
    void want(std::int64_t max_age_ns, std::uint64_t after, FrameDone done);
    // Blocks the caller (never the page's thread) for a frame at most one frame interval old; the latest from
    // before the call when none comes within Pages.FrameTimeoutMs.
    std::shared_ptr<const Frame> fresh();
    // The page's thread is ending: want() answers "the page is closed" from now on; the waiters get that
    // now, or the screenshot in flight when it comes back.
    void end();

    std::shared_ptr<const Frame> latest() const;
    std::int64_t interval_ns() const { return interval_ns_; }  // one frame at the task's FrameRate
    const WhiteRule& white() const { return white_; }
    // "Frames", "Screenshot" and "LastFrame" of the page's describe().
    void describe(nlohmann::json& j) const;

  private:
    void arrived(const std::string& base64, const std::string& error, bool timed_out);

    const std::shared_ptr<PageThread> thread_;
    const std::shared_ptr<const PageNavigation> nav_;
    const WhiteRule white_;
    const std::int64_t interval_ns_;
    const std::int64_t timeout_ms_;
    const PictureSink pictures_;

    mutable std::mutex mu_;
    bool ended_ = false;
    std::shared_ptr<const Frame> latest_;
    std::uint64_t taken_ = 0;
    bool shot_in_flight_ = false;
    std::vector<FrameDone> waiters_;
};

}  // namespace rtc::pages
