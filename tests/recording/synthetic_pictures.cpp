#include "recording/synthetic_pictures.h"

#include <algorithm>

namespace rtc::test {

recording::Picture solid(int width, int height, int r, int g, int b) {
    recording::Picture p{width, height, {}};
    p.rgba.resize(static_cast<std::size_t>(width) * height * 4);
    for (std::size_t i = 0; i < p.rgba.size(); i += 4) {
        p.rgba[i] = static_cast<std::uint8_t>(r);
        p.rgba[i + 1] = static_cast<std::uint8_t>(g);
        p.rgba[i + 2] = static_cast<std::uint8_t>(b);
        p.rgba[i + 3] = 255;
    }
    return p;
}

recording::Picture moving(int width, int height, int step) {
    recording::Picture p{width, height, {}};
    p.rgba.resize(static_cast<std::size_t>(width) * height * 4);
    const int box = std::max(8, height / 4);
    const int bx = (step * 7) % std::max(1, width - box);
    const int by = (step * 3) % std::max(1, height - box);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint8_t* px = &p.rgba[(static_cast<std::size_t>(y) * width + x) * 4];
            const bool in_box = x >= bx && x < bx + box && y >= by && y < by + box;
            px[0] = in_box ? 250 : static_cast<std::uint8_t>(x * 255 / width);
            px[1] = in_box ? 40 : static_cast<std::uint8_t>(y * 255 / height);
            px[2] = in_box ? 40 : 128;
            px[3] = 255;
        }
    }
    return p;
}

recording::Picture busy(int width, int height, int step) {
    recording::Picture p = moving(width, height, step);
    // A pattern that shifts under every pixel from one step to the next, like a video playing full screen.
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            p.rgba[(static_cast<std::size_t>(y) * width + x) * 4 + 2] =
                static_cast<std::uint8_t>(((x ^ y) + step * 5) & 0xff);
    return p;
}

}  // namespace rtc::test
