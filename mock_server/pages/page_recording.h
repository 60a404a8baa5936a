// One page's recording (docs/pages.md "Recordings"): the pictures the page shows go into a FrameSchedule on
// the mock's clock, and a thread of its own (never the page's, never an API thread) asks the page for a
// frame and encodes the frames due, once per frame interval, from the first frame to the end of capture. An
// encoder that falls behind drops frames (counted), it does not queue them. The file is a playable WebM at
// every moment: read() hands out the bytes written so far, or the whole file once it is finished.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "recording/frame_schedule.h"
#include "recording/recorder_loader.h"
#include "recording/video_spec.h"

namespace rtc::pages {

class PageRecording {
  public:
    // Opens `path` and starts encoding with `first` shown from now. `want_frame` asks the page for a fresh
    // frame (it must not block); `ended` runs on the encoder thread once the file is finished. A file that
    // cannot be opened gives a recording in state "failed" (describe() says why), never null.
    static std::shared_ptr<PageRecording> start(const std::string& path, const recording::VideoSpec& spec,
                                                std::shared_ptr<const Clock> clock,
                                                std::shared_ptr<const recording::Picture> first,
                                                std::function<void()> want_frame,
                                                std::function<void()> ended);
    PageRecording(const PageRecording&) = delete;
    PageRecording& operator=(const PageRecording&) = delete;
    ~PageRecording();

    // The page shows `picture` from now on (any thread; cheap).
    void show(std::shared_ptr<const recording::Picture> picture);
    // Capture ended now (the first call counts): frames due from now on are not recorded. Does not wait.
    void mark_end();
    // Marks the end and waits until the file is finished. Not from the encoder thread.
    void stop();

    // The file as it stands: whole once finished, else the bytes written so far (cut at a frame).
    std::string read() const;
    const std::string& path() const { return path_; }
    std::int64_t bytes() const;
    bool ended() const;
    // "Recording" of the page's describe(): Path, StartedAt, State, FramesEncoded, FramesDropped, Bytes,
    // Error.
    nlohmann::json describe() const;

  private:
    PageRecording(std::string path, std::shared_ptr<const Clock> clock, TimeMs started, int frame_rate);
    void run(std::function<void()> want_frame, std::function<void()> ended);  // the encoder thread
    void encode(const std::vector<recording::ScheduledFrame>& frames);

    const std::string path_;
    const std::shared_ptr<const Clock> clock_;
    const TimeMs started_;
    const int interval_ms_;

    mutable std::mutex mu_;  // the schedule, the end and the state; never held while encoding
    std::condition_variable cv_;
    recording::FrameSchedule schedule_;
    TimeMs end_ = -1;  // -1: still capturing
    bool finished_ = false;
    std::string error_;

    mutable std::mutex file_mu_;  // finishing rewrites the header: no read meanwhile
    std::unique_ptr<recording::Recorder> recorder_;
    std::thread thread_;
};

}  // namespace rtc::pages
