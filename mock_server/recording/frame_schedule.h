// Which picture each frame of a recording shows, on the mock's clock and nothing else: frame k is due at
// start + k * (1000 / frame_rate) ms and shows the latest picture the page showed by then, so the last
// picture repeats while the page does not change, as a stream does. No encoding here: the caller encodes what
// it is handed, and says how many frames its encoder can take; the rest are dropped, never queued.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "core/time_ms.h"
#include "recording/picture.h"

namespace rtc::recording {

struct ScheduledFrame {
    std::int64_t index = 0;  // the frame's number: its time is due_at(index), its pts in 1/frame_rate
    std::shared_ptr<const Picture> picture;
};

class FrameSchedule {
  public:
    // `frame_rate` below 1 is taken as 1.
    FrameSchedule(TimeMs start, int frame_rate);

    // When frame `index` is due (whole milliseconds: at 30 fps frames 0..3 are due at +0, +33, +66, +100).
    TimeMs due_at(std::int64_t index) const;
    // The last frame due at or before `now`; -1 before the start.
    std::int64_t last_due(TimeMs now) const;

    // The page shows `picture` from `at` on. A time before the previous picture's is taken as that time
    // (the clock does not go back; a late report cannot rewrite frames already handed out).
    void show(TimeMs at, std::shared_ptr<const Picture> picture);

    // The frames due at or before `now` that were not handed out yet, oldest first, at most `capacity` of
    // them: the latest ones. The older ones are dropped (a live encoder that falls behind skips frames; it
    // does not fall further behind). Frames due before the first picture are dropped too.
    std::vector<ScheduledFrame> take_due(TimeMs now, std::size_t capacity);
    // The same for the frames due before `end`, where a recording of [start, end) stops.
    std::vector<ScheduledFrame> take_before(TimeMs end, std::size_t capacity) {
        return take_due(end - 1, capacity);
    }

    std::int64_t next_index() const { return next_; }  // the first frame not handed out or dropped
    std::int64_t handed_out() const { return handed_out_; }
    std::int64_t dropped() const { return dropped_; }
    // Pictures kept for frames not yet due: at most one per pending frame, plus the one on show.
    std::size_t pictures_held() const { return shown_.size(); }

  private:
    struct Shown {
        TimeMs at;
        std::shared_ptr<const Picture> picture;
    };
    // The picture frame `index` shows (null before the first one), forgetting the ones no later frame needs.
    std::shared_ptr<const Picture> picture_for(std::int64_t index);

    TimeMs start_;
    int frame_rate_;
    std::int64_t next_ = 0;
    std::int64_t handed_out_ = 0;
    std::int64_t dropped_ = 0;
    std::deque<Shown> shown_;  // in time order; only the first may be older than the next frame's time
};

}  // namespace rtc::recording
