// The WebM container through libavformat's Matroska muxer, written so that the file on disk always ends at a
// whole block: each packet closes its cluster and is flushed to the file, so a copy of the bytes so far is a
// playable file (Segment of unknown size, no Cues yet). The trailer then writes the sizes, duration and cues.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "recording/ffmpeg/ffmpeg_util.h"

namespace rtc::recording {

class WebmWriter {
  public:
    // Creates `path` (truncating it) and writes the header for one video stream of `codec`'s parameters.
    static std::unique_ptr<WebmWriter> open(const std::string& path, const AVCodecContext* codec,
                                            std::string* error);
    WebmWriter(const WebmWriter&) = delete;
    WebmWriter& operator=(const WebmWriter&) = delete;
    ~WebmWriter();

    // Writes one packet (times in the codec's time base) and flushes it to the file.
    bool write(AVPacket* packet, std::string* error);
    // Writes the trailer and closes the file; later writes fail.
    bool finish(std::string* error);

    // The bytes in the file: all of them are there (flushed) after each write.
    std::int64_t bytes() const { return bytes_; }

  private:
    WebmWriter() = default;
    bool flush(std::string* error);

    AVFormatContext* format_ = nullptr;
    AVStream* stream_ = nullptr;
    AVRational codec_time_base_{1, 1};
    std::int64_t bytes_ = 0;
    bool closed_ = false;
};

}  // namespace rtc::recording
