#include "recording/ffmpeg/vp8_encoder.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace rtc::recording {

std::unique_ptr<Vp8Encoder> Vp8Encoder::open(const VideoSpec& spec, std::string* error) {
    quiet_ffmpeg_log();
    const AVCodec* codec = avcodec_find_encoder_by_name("libvpx");
    if (!codec) {
        *error = "libavcodec has no libvpx VP8 encoder";
        return nullptr;
    }
    std::unique_ptr<Vp8Encoder> e(new Vp8Encoder());
    e->context_.reset(avcodec_alloc_context3(codec));
    e->frame_.reset(av_frame_alloc());
    e->packet_.reset(av_packet_alloc());
    if (!e->context_ || !e->frame_ || !e->packet_) {
        *error = "out of memory opening the encoder";
        return nullptr;
    }
    AVCodecContext* c = e->context_.get();
    c->width = spec.width;
    c->height = spec.height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = AVRational{1, spec.frame_rate};
    c->framerate = AVRational{spec.frame_rate, 1};
    // swscale's RGB -> YUV is BT.601 limited range; saying so lets players convert back the same way.
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_SMPTE170M;
    // Constant bitrate (libavcodec picks CBR when min = max = target), as a room's sender paces its stream.
    const std::int64_t bps = std::int64_t{target_kbps(spec)} * 1000;
    c->bit_rate = c->rc_min_rate = c->rc_max_rate = bps;
    c->rc_buffer_size = static_cast<int>(bps);  // one second of buffer
    // A key frame every 2 s: a player seeks to within 2 s, and a copy cut anywhere has one near.
    c->gop_size = 2 * spec.frame_rate;
    // One thread per recording: the cost of a page is then one predictable share of one core.
    c->thread_count = 1;
    // The AVFormat global header flag is not needed: WebM takes VP8 without extradata.
    av_opt_set(c->priv_data, "deadline", "realtime", 0);
    av_opt_set_int(c->priv_data, "cpu-used", spec.speed, 0);
    av_opt_set_int(c->priv_data, "lag-in-frames", 0, 0);
    av_opt_set_int(c->priv_data, "auto-alt-ref", 0, 0);
    int rc = avcodec_open2(c, codec, nullptr);
    if (rc < 0) {
        *error = ffmpeg_error("opening the VP8 encoder", rc);
        return nullptr;
    }
    AVFrame* f = e->frame_.get();
    f->format = AV_PIX_FMT_YUV420P;
    f->width = spec.width;
    f->height = spec.height;
    f->color_range = c->color_range;
    f->colorspace = c->colorspace;
    rc = av_frame_get_buffer(f, 0);
    if (rc < 0) {
        *error = ffmpeg_error("allocating a frame", rc);
        return nullptr;
    }
    return e;
}

bool Vp8Encoder::encode(std::int64_t index, std::string* error, const std::function<bool(AVPacket*)>& sink) {
    frame_->pts = index;
    return send(frame_.get(), error, sink);
}

bool Vp8Encoder::drain(std::string* error, const std::function<bool(AVPacket*)>& sink) {
    return send(nullptr, error, sink);
}

bool Vp8Encoder::send(AVFrame* frame, std::string* error, const std::function<bool(AVPacket*)>& sink) {
    int rc = avcodec_send_frame(context_.get(), frame);
    if (rc < 0) {
        *error = ffmpeg_error("encoding a frame", rc);
        return false;
    }
    for (;;) {
        rc = avcodec_receive_packet(context_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
        if (rc < 0) {
            *error = ffmpeg_error("receiving a packet", rc);
            return false;
        }
        // A frame lasts until the next one; one interval is all that is known when it is written.
        if (packet_->duration <= 0) packet_->duration = 1;
        const bool kept = sink(packet_.get());
        av_packet_unref(packet_.get());
        if (!kept) return false;
    }
}

}  // namespace rtc::recording
