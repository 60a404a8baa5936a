// The encoder behind Recorder (recorder.h), built into the plugin rtc-mock-recorder.so: pictures in, a VP8
// WebM file out. Each picture is scaled to the spec's size, encoded as the frame with the given number (its
// time is number / frame_rate s from the start) and written at once, so the file on disk is always a playable
// recording of the frames so far. Errors are returned and kept as text, never thrown: a bad picture is
// refused and counted as dropped, the recording goes on; a failed encoder or disk stops it. One thread uses a
// recorder; the counters may be read from any.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "recording/picture.h"
#include "recording/recorder.h"
#include "recording/video_spec.h"

namespace rtc::recording {

class WebmRecorder final : public Recorder {
  public:
    // Creates `path` and writes the WebM header; null with `error` set when the spec is refused (check_spec),
    // the encoder does not open or the file cannot be written.
    static std::unique_ptr<WebmRecorder> open(const std::string& path, const VideoSpec& spec,
                                              std::string* error);
    WebmRecorder(const WebmRecorder&) = delete;
    WebmRecorder& operator=(const WebmRecorder&) = delete;
    // Finishes the file if finish() was not called.
    ~WebmRecorder() override;

    // Encodes `rgba` (width x height x 4 bytes, rows packed; any size up to kMaxSide) as frame `index`, which
    // must come after the previous frame's: a skipped number leaves the previous picture on screen longer.
    // False with error() set when the picture is refused or the recording has failed.
    bool add(const std::uint8_t* rgba, std::size_t bytes, int width, int height, std::int64_t index);
    bool add(const Picture& picture, std::int64_t index) override {
        return add(picture.rgba.data(), picture.rgba.size(), picture.width, picture.height, index);
    }
    // Drains the encoder and writes the trailer (duration, cues). Once; later calls answer as the first did.
    bool finish() override;

    const VideoSpec& spec() const override { return spec_; }
    // The last error, empty when there was none.
    const std::string& error() const override { return error_; }
    bool failed() const override { return failed_; }
    bool finished() const override { return finished_; }
    std::int64_t frames_encoded() const override { return encoded_.load(std::memory_order_relaxed); }
    std::int64_t frames_dropped() const override { return dropped_.load(std::memory_order_relaxed); }
    std::int64_t bytes_written() const override { return bytes_.load(std::memory_order_relaxed); }

  private:
    struct Parts;
    WebmRecorder(const VideoSpec& spec, std::unique_ptr<Parts> parts);
    bool refuse(std::string why);
    bool fail(std::string why);

    VideoSpec spec_;
    std::unique_ptr<Parts> parts_;
    std::string error_;
    std::string failure_;  // what stopped the recording, kept while later refusals overwrite error_
    bool failed_ = false;
    bool finished_ = false;
    bool finish_ok_ = false;
    std::int64_t last_index_ = -1;
    std::atomic<std::int64_t> encoded_{0};
    std::atomic<std::int64_t> dropped_{0};
    std::atomic<std::int64_t> bytes_{0};
};

}  // namespace rtc::recording
