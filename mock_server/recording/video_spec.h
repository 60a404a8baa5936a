// What a recording is encoded as: the size, frame rate and bitrate the room would receive, and how hard the
// encoder may work on each frame.
#pragma once

#include <string>

namespace rtc::recording {

struct VideoSpec {
    int width = 640;
    int height = 360;
    int frame_rate = 10;
    // The encoder's target; 0 is the service's "adaptive", taken here as a rate for the size (target_kbps).
    int bitrate_kbps = 0;
    // libvpx's cpu-used in real-time mode, 0 (slowest, best) to 16 (fastest).
    int speed = 8;
};

// Largest side accepted, for the spec and for input pictures: the service's maximum is 1920x1080, and a
// bound keeps a corrupt size from asking for gigabytes.
constexpr int kMaxSide = 8192;

// Empty when the spec can be encoded, otherwise what is wrong with it ("frame_rate: 0 is not in [1,120]").
std::string check_spec(const VideoSpec& spec);

// The bitrate the encoder aims at: the spec's, or for 0 about 0.1 bit per pixel per frame (640x360@10 ->
// 230 kbps, 1280x720@15 -> 1382 kbps), within [100, 10000] like the service's Bitrate.
int target_kbps(const VideoSpec& spec);

}  // namespace rtc::recording
