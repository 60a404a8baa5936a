#include "pages/frame_analysis.h"

#include "core/crypto.h"

namespace rtc::pages {

FrameFacts analyze_frame(const Image& image, const WhiteRule& rule) {
    FrameFacts f;
    f.width = image.width;
    f.height = image.height;
    const std::uint8_t* px = image.rgba.data();
    const std::size_t count = image.rgba.size() / 4;
    for (std::size_t i = 0; i < count; ++i, px += 4) {
        const unsigned alpha = px[3];
        bool white = true;
        for (int c = 0; c < 3 && white; ++c) {
            // Composited on white: value * alpha + 255 * (1 - alpha), in 0..255.
            const unsigned shown = (px[c] * alpha + 255u * (255u - alpha) + 127u) / 255u;
            white = shown >= static_cast<unsigned>(rule.min_channel);
        }
        if (!white) ++f.off_white_pixels;
    }
    const std::uint64_t allowed = static_cast<std::uint64_t>(count) * rule.max_off_pixels_ppm / 1000000u;
    f.white = count > 0 && f.off_white_pixels <= allowed;
    const std::string_view pixels(reinterpret_cast<const char*>(image.rgba.data()), image.rgba.size());
    f.digest = sha256_hex(std::to_string(image.width) + "x" + std::to_string(image.height) + ":" +
                          sha256_raw(pixels));
    return f;
}

}  // namespace rtc::pages
