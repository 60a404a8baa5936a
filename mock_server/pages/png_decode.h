// A small PNG decoder for the browser's screenshots (zlib inflate + the five row filters): 8-bit grey, grey +
// alpha, RGB, RGBA and palette images, not interlaced. What the frame checks need and nothing more.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtc::pages {

// Pixels as RGBA, 4 bytes each, row after row.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
};

// nullopt with `error` set when the bytes are not a PNG this decoder reads.
std::optional<Image> decode_png(std::string_view png, std::string* error = nullptr);

// Width and height from the IHDR chunk alone (no decoding); nullopt when the bytes do not start as a PNG.
std::optional<std::pair<int, int>> png_size(std::string_view png);

}  // namespace rtc::pages
