// libvpx's VP8 encoder through libavcodec, set up as a real-time sender: no look-ahead (each frame's packet
// comes out of the call that took the frame), constant bitrate at the spec's target, cpu-used = spec.speed.
#pragma once

#include <functional>
#include <string>

#include "recording/ffmpeg/ffmpeg_util.h"
#include "recording/video_spec.h"

namespace rtc::recording {

class Vp8Encoder {
  public:
    // Null with `error` set when libavcodec has no libvpx encoder or refuses the settings.
    static std::unique_ptr<Vp8Encoder> open(const VideoSpec& spec, std::string* error);

    const AVCodecContext* context() const { return context_.get(); }
    // A frame of the spec's size in YUV420P to draw into (writable again after each encode).
    AVFrame* frame() { return frame_.get(); }

    // Encodes frame() as frame number `index` (nullptr frame: drains the encoder at the end) and hands each
    // packet, its times in 1/frame_rate, to `sink`; stops at the first false from the sink.
    bool encode(std::int64_t index, std::string* error, const std::function<bool(AVPacket*)>& sink);
    bool drain(std::string* error, const std::function<bool(AVPacket*)>& sink);

  private:
    Vp8Encoder() = default;
    bool send(AVFrame* frame, std::string* error, const std::function<bool(AVPacket*)>& sink);

    CodecContextPtr context_;
    FramePtr frame_;
    PacketPtr packet_;
};

}  // namespace rtc::recording
