// What the page checks see in a frame: is it white (the blank check), and is it the same picture as another
// frame (the freeze check). docs/pages.md states the rules.
#pragma once

#include <cstdint>
#include <string>

#include "pages/png_decode.h"

namespace rtc::pages {

// A pixel is white when R, G and B are all >= min_channel after compositing on white (a transparent pixel
// shows the white page behind it); a frame is white when at most max_off_pixels_ppm per million of its
// pixels are not white (at least one pixel of tolerance is never granted: 0 ppm means every pixel).
struct WhiteRule {
    int min_channel = 250;
    int max_off_pixels_ppm = 10;
};

struct FrameFacts {
    int width = 0;
    int height = 0;
    std::uint64_t off_white_pixels = 0;  // pixels that are not white under the rule
    bool white = false;
    std::string digest;  // SHA-256 of the size and the RGBA pixels: equal digests = identical frames
};

FrameFacts analyze_frame(const Image& image, const WhiteRule& rule);

}  // namespace rtc::pages
