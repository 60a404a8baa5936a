// A recording as the rest of the mock sees it: pictures in, a playable WebM file out. The encoder behind it
// (ffmpeg/webm_recorder.h) lives in a plugin, rtc-mock-recorder.so, so that rtc-mock itself never links
// FFmpeg: the image without a browser, where nothing is recorded, stays small. recorder_loader.h opens one.
#pragma once

#include <cstdint>
#include <string>

#include "recording/picture.h"
#include "recording/video_spec.h"

namespace rtc::recording {

// One thread adds and finishes; the counters may be read from any.
class Recorder {
  public:
    virtual ~Recorder() = default;
    // Encodes `picture` as frame `index` (after the previous one's; a skipped number holds the previous
    // picture). False with error() set when the picture is refused or the recording has failed.
    virtual bool add(const Picture& picture, std::int64_t index) = 0;
    // Drains the encoder and writes the trailer (duration, cues). Once; later calls answer as the first did.
    virtual bool finish() = 0;

    virtual const VideoSpec& spec() const = 0;
    virtual const std::string& error() const = 0;  // the last error, "" when none
    virtual bool failed() const = 0;
    virtual bool finished() const = 0;
    virtual std::int64_t frames_encoded() const = 0;
    virtual std::int64_t frames_dropped() const = 0;
    virtual std::int64_t bytes_written() const = 0;
};

}  // namespace rtc::recording
