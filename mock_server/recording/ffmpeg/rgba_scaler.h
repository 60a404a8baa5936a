// RGBA pictures of any size into the encoder's YUV 4:2:0 frames, with libswscale (odd sizes included: the
// chroma planes round up).
#pragma once

#include <cstdint>
#include <string>

struct AVFrame;
struct SwsContext;

namespace rtc::recording {

class RgbaScaler {
  public:
    RgbaScaler() = default;
    RgbaScaler(const RgbaScaler&) = delete;
    RgbaScaler& operator=(const RgbaScaler&) = delete;
    ~RgbaScaler();

    // Scales `rgba` (width x height, 4 bytes a pixel, rows packed) into `frame`, an allocated YUV420P frame
    // of the output size. False with `error` set when swscale refuses.
    bool scale(const std::uint8_t* rgba, int width, int height, AVFrame* frame, std::string* error);

  private:
    SwsContext* context_ = nullptr;  // kept while the input size stays the same
};

}  // namespace rtc::recording
