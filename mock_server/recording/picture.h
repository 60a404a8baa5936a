// One picture of a page as the recorder takes it: RGBA pixels, 4 bytes each, row after row.
#pragma once

#include <cstdint>
#include <vector>

namespace rtc::recording {

struct Picture {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
};

}  // namespace rtc::recording
