#include "recording/frame_schedule.h"

#include <algorithm>
#include <utility>

namespace rtc::recording {

FrameSchedule::FrameSchedule(TimeMs start, int frame_rate)
    : start_(start), frame_rate_(std::max(frame_rate, 1)) {}

TimeMs FrameSchedule::due_at(std::int64_t index) const {
    return start_ + index * 1000 / frame_rate_;
}

std::int64_t FrameSchedule::last_due(TimeMs now) const {
    const TimeMs d = now - start_;
    if (d < 0) return -1;
    // The largest k with k * 1000 / rate <= d (integer division), i.e. k * 1000 < (d + 1) * rate.
    return ((d + 1) * frame_rate_ - 1) / 1000;
}

void FrameSchedule::show(TimeMs at, std::shared_ptr<const Picture> picture) {
    if (!shown_.empty()) {
        Shown& last = shown_.back();
        at = std::max(at, last.at);
        // The last picture is still needed when a frame not yet handed out falls in [last.at, at).
        const std::int64_t first_after_last = std::max(last_due(last.at - 1) + 1, next_);
        if (due_at(first_after_last) >= at) {
            last = Shown{at, std::move(picture)};
            return;
        }
    }
    shown_.push_back(Shown{at, std::move(picture)});
}

std::shared_ptr<const Picture> FrameSchedule::picture_for(std::int64_t index) {
    const TimeMs t = due_at(index);
    while (shown_.size() > 1 && shown_[1].at <= t) shown_.pop_front();
    if (shown_.empty() || shown_.front().at > t) return nullptr;
    return shown_.front().picture;
}

std::vector<ScheduledFrame> FrameSchedule::take_due(TimeMs now, std::size_t capacity) {
    std::vector<ScheduledFrame> frames;
    const std::int64_t last = last_due(now);
    if (last < next_) return frames;
    const std::int64_t due = last - next_ + 1;
    // Compared unsigned: a capacity of SIZE_MAX ("all of them") is no negative count.
    const std::int64_t keep =
        capacity >= static_cast<std::uint64_t>(due) ? due : static_cast<std::int64_t>(capacity);
    dropped_ += due - keep;
    for (std::int64_t k = last - keep + 1; k <= last; ++k) {
        auto picture = picture_for(k);
        if (!picture) {
            ++dropped_;
            continue;
        }
        frames.push_back(ScheduledFrame{k, std::move(picture)});
    }
    next_ = last + 1;
    // Pictures older than the one the next frame shows are not needed again.
    const TimeMs next_time = due_at(next_);
    while (shown_.size() > 1 && shown_[1].at <= next_time) shown_.pop_front();
    handed_out_ += static_cast<std::int64_t>(frames.size());
    return frames;
}

}  // namespace rtc::recording
