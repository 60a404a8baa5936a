#include "recording/ffmpeg/webm_writer.h"

namespace rtc::recording {

std::unique_ptr<WebmWriter> WebmWriter::open(const std::string& path, const AVCodecContext* codec,
                                             std::string* error) {
    quiet_ffmpeg_log();
    std::unique_ptr<WebmWriter> w(new WebmWriter());
    int rc = avformat_alloc_output_context2(&w->format_, nullptr, "webm", path.c_str());
    if (rc < 0 || !w->format_) {
        *error = ffmpeg_error("the WebM muxer", rc);
        return nullptr;
    }
    w->stream_ = avformat_new_stream(w->format_, nullptr);
    if (!w->stream_) {
        *error = "out of memory adding the video stream";
        return nullptr;
    }
    rc = avcodec_parameters_from_context(w->stream_->codecpar, codec);
    if (rc < 0) {
        *error = ffmpeg_error("the stream parameters", rc);
        return nullptr;
    }
    w->codec_time_base_ = codec->time_base;
    w->stream_->time_base = codec->time_base;  // the muxer turns it into WebM's milliseconds
    // Written as the track's DefaultDuration: players and ffprobe report the frame rate from it.
    w->stream_->avg_frame_rate = codec->framerate;
    rc = avio_open(&w->format_->pb, path.c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) {
        *error = ffmpeg_error("opening " + path, rc);
        return nullptr;
    }
    rc = avformat_write_header(w->format_, nullptr);
    if (rc < 0) {
        *error = ffmpeg_error("writing the WebM header", rc);
        return nullptr;
    }
    if (!w->flush(error)) return nullptr;
    return w;
}

WebmWriter::~WebmWriter() {
    if (!format_) return;
    if (format_->pb) avio_closep(&format_->pb);
    avformat_free_context(format_);
}

bool WebmWriter::write(AVPacket* packet, std::string* error) {
    if (closed_) {
        *error = "the recording is finished";
        return false;
    }
    packet->stream_index = stream_->index;
    av_packet_rescale_ts(packet, codec_time_base_, stream_->time_base);
    const int rc = av_write_frame(format_, packet);
    if (rc < 0) {
        *error = ffmpeg_error("writing a packet", rc);
        return false;
    }
    return flush(error);
}

bool WebmWriter::flush(std::string* error) {
    // A null packet makes the Matroska muxer close its cluster (it otherwise holds a cluster's blocks in
    // memory until the cluster is full); avio_flush then hands the bytes to the file.
    const int rc = av_write_frame(format_, nullptr);
    if (rc < 0) {
        *error = ffmpeg_error("flushing the cluster", rc);
        return false;
    }
    avio_flush(format_->pb);
    if (format_->pb->error < 0) {
        *error = ffmpeg_error("writing the file", format_->pb->error);
        return false;
    }
    bytes_ = avio_tell(format_->pb);
    return true;
}

bool WebmWriter::finish(std::string* error) {
    if (closed_) return true;
    closed_ = true;
    int rc = av_write_trailer(format_);
    if (rc < 0) {
        *error = ffmpeg_error("writing the WebM trailer", rc);
        avio_closep(&format_->pb);
        return false;
    }
    avio_flush(format_->pb);
    const std::int64_t size = avio_size(format_->pb);
    if (size > 0) bytes_ = size;
    rc = avio_closep(&format_->pb);
    if (rc < 0) {
        *error = ffmpeg_error("closing the file", rc);
        return false;
    }
    return true;
}

}  // namespace rtc::recording
