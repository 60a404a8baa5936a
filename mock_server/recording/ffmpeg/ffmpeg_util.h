// What the recording's FFmpeg parts share: owners for FFmpeg's objects and its error codes as text.
#pragma once

#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
}

namespace rtc::recording {

struct CodecContextFree {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;

// "what: FFmpeg's text for code" (code is a negative AVERROR).
std::string ffmpeg_error(const std::string& what, int code);

// FFmpeg logs to stderr by default; the recorder reports its errors itself, so only FFmpeg's own errors are
// left on stderr (set once per process).
void quiet_ffmpeg_log();

}  // namespace rtc::recording
