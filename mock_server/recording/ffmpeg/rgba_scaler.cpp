#include "recording/ffmpeg/rgba_scaler.h"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
#include <libswscale/swscale.h>
}

namespace rtc::recording {

RgbaScaler::~RgbaScaler() {
    sws_freeContext(context_);
}

bool RgbaScaler::scale(const std::uint8_t* rgba, int width, int height, AVFrame* frame, std::string* error) {
    // Bilinear: pages are mostly flat colour and text; a sharper filter costs more per frame than the
    // difference shows at the sizes a room receives.
    context_ = sws_getCachedContext(context_, width, height, AV_PIX_FMT_RGBA, frame->width, frame->height,
                                    AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!context_) {
        *error = "swscale: cannot convert " + std::to_string(width) + "x" + std::to_string(height) +
                 " RGBA to " + std::to_string(frame->width) + "x" + std::to_string(frame->height);
        return false;
    }
    const std::uint8_t* const planes[] = {rgba};
    const int strides[] = {width * 4};
    const int rows = sws_scale(context_, planes, strides, 0, height, frame->data, frame->linesize);
    if (rows != frame->height) {
        *error = "swscale: wrote " + std::to_string(rows) + " of " + std::to_string(frame->height) + " rows";
        return false;
    }
    return true;
}

}  // namespace rtc::recording
