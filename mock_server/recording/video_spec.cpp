#include "recording/video_spec.h"

#include <algorithm>
#include <cstdint>

namespace rtc::recording {

namespace {

std::string out_of_range(const char* field, int value, int lo, int hi) {
    return std::string(field) + ": " + std::to_string(value) + " is not in [" + std::to_string(lo) + "," +
           std::to_string(hi) + "]";
}

}  // namespace

std::string check_spec(const VideoSpec& spec) {
    if (spec.width < 2 || spec.width > kMaxSide) return out_of_range("width", spec.width, 2, kMaxSide);
    if (spec.height < 2 || spec.height > kMaxSide) return out_of_range("height", spec.height, 2, kMaxSide);
    if (spec.frame_rate < 1 || spec.frame_rate > 120)
        return out_of_range("frame_rate", spec.frame_rate, 1, 120);
    if (spec.bitrate_kbps < 0 || spec.bitrate_kbps > 100000)
        return out_of_range("bitrate_kbps", spec.bitrate_kbps, 0, 100000);
    if (spec.speed < 0 || spec.speed > 16) return out_of_range("speed", spec.speed, 0, 16);
    return {};
}

int target_kbps(const VideoSpec& spec) {
    if (spec.bitrate_kbps > 0) return spec.bitrate_kbps;
    const std::int64_t bits = std::int64_t{spec.width} * spec.height * spec.frame_rate / 10;
    return static_cast<int>(std::clamp<std::int64_t>(bits / 1000, 100, 10000));
}

}  // namespace rtc::recording
